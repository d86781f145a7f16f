#!/usr/bin/env python3
"""Runs the HTTP tests (tests/http/test_*.py) against one running Sangdam stack.

    python3 tests/http/run.py [ROOT] [-k SUBSTRING]

ROOT is the source tree (default: two folders up from this file). The stack is
started fresh (stack.py) unless SANGDAM_TEST_VAR and SANGDAM_TEST_PORT name one
that tests/run already started. Each module's test_* functions run in the order
they are written (those marked @run_last after every other module's); each takes
the Stack as its one argument. Output: one line per
test, `ok - name` or `not ok - name: reason`, `# ...` comment lines, and at the
end exactly one line `RESULT passed=N failed=M`. Exit status 1 if any failed.

A test may raise Skip("why") when what it needs is not there; it is printed as
`ok - name # SKIP why` and counted in neither number (a `# skipped=K` line says
how many).
"""

import glob
import importlib.util
import inspect
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import client  # noqa: E402
import stack as stack_module  # noqa: E402


from testlib import Skip  # noqa: E402


def reason_of(exc):
    """One line: the assertion message (or exception) and where it happened in a test file."""
    tb = traceback.extract_tb(exc.__traceback__)
    where = ""
    for frame in reversed(tb):
        if os.path.basename(frame.filename).startswith("test_"):
            where = " (%s:%d)" % (os.path.basename(frame.filename), frame.lineno)
            break
    msg = str(exc) if isinstance(exc, AssertionError) else "%s: %s" % (type(exc).__name__, exc)
    if not msg:
        msg = type(exc).__name__
    return " ".join(msg.split())[:2000] + where


def load_tests(pattern=None):
    tests = []
    for path in sorted(glob.glob(os.path.join(HERE, "test_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        funcs = [f for n, f in vars(module).items()
                 if n.startswith("test_") and inspect.isfunction(f) and f.__module__ == name]
        funcs.sort(key=lambda f: f.__code__.co_firstlineno)
        for f in funcs:
            full = "%s.%s" % (name[len("test_"):], f.__name__[len("test_"):])
            if pattern and pattern not in full:
                continue
            tests.append((full, f))
    # tests marked @run_last (testlib) go after all others, in their order
    tests.sort(key=lambda t: bool(getattr(t[1], "run_last", False)))
    return tests


def main(argv):
    args = argv[1:]
    pattern = None
    if "-k" in args:
        i = args.index("-k")
        pattern = args[i + 1]
        del args[i:i + 2]
    root = os.path.abspath(args[0]) if args else os.path.dirname(os.path.dirname(HERE))
    sys.stdout.reconfigure(line_buffering=True)

    passed = failed = skipped = 0

    stack = stack_module.from_env(root)
    if stack is None:
        stack = stack_module.Stack(root=root)
        t0 = time.time()
        try:
            stack.start()
        except Exception as e:
            print("not ok - stack start: %s" % " ".join(str(e).split())[:1500])
            print("# log tail:")
            for line in stack.log_tail().splitlines():
                print("#   " + line)
            stack.stop()
            print("RESULT passed=0 failed=1")
            return 1
        print("# stack up in %.1fs: %s (VAR=%s)" % (time.time() - t0, stack.base_url, stack.var))
    else:
        print("# using stack %s (VAR=%s)" % (stack.base_url, stack.var))

    try:
        tests = load_tests(pattern)
    except Exception as e:
        print("not ok - load tests: %s" % reason_of(e))
        traceback.print_exc()
        stack.stop()
        print("RESULT passed=0 failed=1")
        return 1

    for name, func in tests:
        t0 = time.time()
        try:
            func(stack)
        except Skip as e:
            skipped += 1
            print("ok - %s # SKIP %s" % (name, e))
            continue
        except Exception as e:
            failed += 1
            print("not ok - %s: %s" % (name, reason_of(e)))
            if os.environ.get("VERBOSE") == "1":
                traceback.print_exc(file=sys.stdout)
            continue
        passed += 1
        dt = time.time() - t0
        print("ok - %s%s" % (name, "  # %.1fs" % dt if dt > 2 else ""))

    # One check over the whole run: no response was a 5xx unless a test asked for one.
    bad = [(m, t, s) for (m, t, s, expected) in client.RESPONSES if s >= 500 and not expected]
    if bad:
        failed += 1
        shown = "; ".join("%s %s -> %d" % b for b in bad[:10])
        print("not ok - run.no_5xx: %d of %d responses were 5xx: %s" % (len(bad), len(client.RESPONSES), shown))
    else:
        passed += 1
        print("ok - run.no_5xx (%d responses)" % len(client.RESPONSES))

    if failed:
        print("# log tail:")
        for line in stack.log_tail(20).splitlines():
            print("#   " + line)
    stack.stop()
    if skipped:
        print("# skipped=%d" % skipped)
    print("RESULT passed=%d failed=%d" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
