"""The Nabla kernel against jupyter_kernel_test's protocol conformance suite (Debian's
python3-jupyter-kernel-test), with every sample attribute filled."""
import unittest

import jupyter_kernel_test as jkt


class NablaKernelTests(jkt.KernelTests):
    kernel_name = "nabla"
    language_name = "nabla"
    file_extension = ".nabla"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'warn("λ is large")'

    completion_samples = [
        {"text": "x = \\alpha", "matches": {"α"}},
        {"text": "\\nabla", "matches": {"∇"}},
        {"text": "hessi", "matches": {"hessian"}},
    ]
    complete_code_samples = ["1 + 1", "A = [1, 2; 3, 4]", "maximize x y subject to x + y = 10"]
    incomplete_code_samples = ["A = [1, 2", "x = 1 +", "maximize x y subject to", "f(x"]
    invalid_code_samples = ["x = = 2", "1 +* 2", "[1, 2)"]

    code_page_something = "help(det)"
    code_generate_error = "1/0"
    code_execute_result = [
        {"code": "1 + 1", "result": "2"},
        {"code": "det([1, 2; 3, 4])", "result": "−2"},
        {"code": "‖[1, 2; 3, 4]‖_F", "mime": "text/latex", "result": "$$\\sqrt{30} \\approx 5.4772$$"},
        {"code": "d/dx sin(x^2)", "result": "2x cos(x²)"},
    ]
    code_display_data = [
        {"code": "1 + 1\n2 + 2", "mime": "text/latex"},
        {"code": "A = [1, 2; 3, 4]\nAᵀ", "mime": "text/html"},
    ]
    code_history_pattern = "1 + ?"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "det"
    code_clear_output = "clear()"


if __name__ == "__main__":
    unittest.main()
