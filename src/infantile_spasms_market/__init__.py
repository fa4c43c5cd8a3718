"""Infantile spasms therapeutics market: the model and build pipeline behind the book.

Import the pieces you need (``from infantile_spasms_market.model import market_table``); this
package's top level imports nothing heavy so that the command line starts fast.
"""

__version__ = "0.1.0"
