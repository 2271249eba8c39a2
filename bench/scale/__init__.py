"""The Mons-scale benchmark (python -m bench.scale, run by ./bin/bench --scale mons): see __main__.py."""
