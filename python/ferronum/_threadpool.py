"""threadpoolctl support: a ``LibController`` for ferronum's thread pool, registered when
threadpoolctl is installed, so that ``threadpoolctl.threadpool_info()`` lists the pool (user
API "ferronum") and ``threadpool_limits(n)`` sets its size and restores it afterwards."""

from . import _ferronum


def _register():
    try:
        import threadpoolctl
    except ImportError:
        return None

    class FerronumController(threadpoolctl.LibController):
        """ferronum's one pool, found as the loaded ``_ferronum`` extension module."""

        user_api = "ferronum"
        internal_api = "ferronum"
        filename_prefixes = ("_ferronum",)

        def get_num_threads(self):
            return _ferronum.get_num_threads()

        def set_num_threads(self, num_threads):
            _ferronum.set_num_threads(max(int(num_threads), 1))

        def get_version(self):
            from . import __version__

            return __version__

    threadpoolctl.register(FerronumController)
    return FerronumController


controller = _register()
