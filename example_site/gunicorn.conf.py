"""gunicorn settings for serving the example site (and a model for hosts).

    gunicorn example_site.wsgi:application -c example_site/gunicorn.conf.py

One process per core with one thread each: several threads in one process
mostly wait for one another's GIL (docs/foia.md, "Serving it"). The
application is loaded once in the master and its objects are frozen out of
the garbage collector before the workers fork: Django, Wagtail and the URL
configuration never become garbage, so the workers' full collections stay
short instead of walking them all, which is what lengthened the tail of the
public intake under load.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"  # keeps connections from the proxy alive
threads = 1
keepalive = 30
preload_app = True


def pre_fork(server, worker):
    gc.freeze()
