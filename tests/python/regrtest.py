# Runs CPython test modules and prints one line per module:
#   RESULT module run failures errors skipped
# then one line per test that failed or erred, with the last line of its
# traceback (what went wrong, for the table's reasons):
#   BAD module test-id | ExceptionType: message
# The same file runs under the CloudABI python3 (confined, the test
# package beneath its working directory as Lib/test) and under the host's
# python3.11 (the denominator), so the two are counted the same way.
#
#   regrtest.py MODULE...
import io
import sys
import unittest

sys.path.insert(0, "Lib")
from test import support  # noqa: E402  (after the path is set)

support.verbose = 0


def run(name):
    stream = io.StringIO()
    runner = unittest.TextTestRunner(stream=stream, verbosity=0)
    loader = unittest.defaultTestLoader
    result = unittest.TestResult()

    # What support.run_unittest is while the module runs: an older module
    # (test_xml_etree, test_decimal) lists its classes in test_main() and
    # hands them to it, inside whatever set-up test_main does around the
    # call, as CPython's own regrtest runs it. Set before the import, for
    # modules that import the name itself.
    def run_unittest(*classes):
        for c in classes:
            add(runner.run(loader.loadTestsFromModule(sys.modules[c])
                           if isinstance(c, str) else loader.loadTestsFromTestCase(c)))

    def add(got):
        result.testsRun += got.testsRun
        result.failures += got.failures
        result.errors += got.errors
        result.skipped += got.skipped
    support.run_unittest = run_unittest

    try:
        module = __import__("test." + name, fromlist=["*"])
        suite = None if callable(getattr(module, "test_main", None)) else loader.loadTestsFromModule(module)
    except unittest.SkipTest as e:
        print(f"RESULT {name} 0 0 0 0 module skipped: {e}", flush=True)
        return
    except Exception as e:
        print(f"RESULT {name} 0 0 1 0 cannot load: {type(e).__name__}: {e}", flush=True)
        print(f"BAD {name} {name}.(load)", flush=True)
        return
    if suite is None:
        try:
            module.test_main()
        except Exception as e:
            result.errors.append((f"{name}.test_main", f"{type(e).__name__}: {e}"))
    else:
        add(runner.run(suite))
    print(f"RESULT {name} {result.testsRun} {len(result.failures)} "
          f"{len(result.errors)} {len(result.skipped)}", flush=True)
    for test, trace in result.failures + result.errors:
        last = trace.strip().splitlines()[-1] if trace.strip() else ""
        print(f"BAD {name} {test if isinstance(test, str) else test.id()} | {last[:200]}", flush=True)
    for test, reason in result.skipped:
        print(f"SKIP {name} {test if isinstance(test, str) else test.id()} {reason}", flush=True)


for name in sys.argv[1:]:
    run(name)
