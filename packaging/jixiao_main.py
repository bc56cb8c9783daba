"""Entry point of the self-contained app (PyInstaller): one executable for the desktop app, every
command-line subcommand (``jixiao report …``) and the report preview's child process.

The child is this same executable started with the hidden first argument
``--jixiao-report-worker`` (see jixiao.gui.report_worker.worker_command): it serves render jobs on
stdin/stdout and never reaches the command-line parser. ``--jixiao-selfcheck`` runs
packaging/selfcheck.py (the built app checking itself).
"""

import sys
from pathlib import Path


def run() -> int:
    from jixiao.paths import REPORT_WORKER_ARG

    if sys.argv[1:2] == [REPORT_WORKER_ARG]:
        from jixiao.services import report_job

        return report_job.main()
    if sys.argv[1:2] == ["--jixiao-selfcheck"]:
        import selfcheck  # packaging/selfcheck.py, frozen in beside this script

        return selfcheck.run(*sys.argv[2:3])
    from jixiao.cli import gui_main, main

    if Path(sys.executable).stem.lower() == "jixiao-gui":
        return gui_main()  # the Windows launcher without a console: always the desktop app
    return main()


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run())
