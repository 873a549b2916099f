from specwalk.cli import run

run()
