"""The build: plan, execute the chapters (cached), assemble the site source, run Jupyter Book, publish atomically."""

__all__ = ["assemble", "build", "cache", "execute", "plan", "pool", "publish"]
