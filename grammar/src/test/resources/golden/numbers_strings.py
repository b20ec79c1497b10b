ints = [0, 7, 1_000_000, 0x1F, 0XFF, 0o17, 0O7, 0b1010, 0B1, 0x_ff]
floats = [1.0, .5, 5., 1e10, 1.5E-3, 1_0.0_1, 3e+2]
imaginary = [1j, 2.5J, 1e3j]
greedy = 0x1e+1
plain = ['single', "double", '', ""]
prefixed = [r'\d', u'text', b'\x00', rb'\s', br"\w"]
joined = "adjacent" 'strings' """and triple"""
multi = """first line
second line with 'quotes' and "quotes"
"""
raw_multi = r'''no \escapes
here'''
bytes_multi = b"""bytes
"""
escaped = 'it\'s' "say \"hi\""
