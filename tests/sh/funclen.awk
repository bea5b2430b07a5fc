# funclen.awk — prints "FILE:LINE (N lines)" for every C function longer
# than max lines (-v max=N, default 80), counted from the line of its
# opening brace to the line of its closing one.  Braces are counted outside
# comments, strings, character constants and preprocessor lines; a block
# at file level is a function when the text before its brace ends in ')',
# so tables, structs and enums are not counted, whatever the brace style.
BEGIN { if (!max) max = 80 }
FNR == 1 { depth = 0; incomment = 0; sig = "" }
{
	line = $0; out = ""; i = 1; n = length(line)
	while (i <= n) {
		c = substr(line, i, 1); c2 = substr(line, i, 2)
		if (incomment) {
			if (c2 == "*/") { incomment = 0; i += 2 } else i++
			continue
		}
		if (c2 == "/*") { incomment = 1; i += 2; continue }
		if (c2 == "//") break
		if (c == "\"" || c == "'") {
			q = c; i++
			while (i <= n) {
				d = substr(line, i, 1)
				if (d == "\\") { i += 2; continue }
				if (d == q) break
				i++
			}
			i++; out = out "_"
			continue
		}
		out = out c; i++
	}
	if (out ~ /^[ \t]*#/)
		next
	for (j = 1; j <= length(out); j++) {
		c = substr(out, j, 1)
		if (c == "{") {
			if (depth == 0) {
				head = sig " " substr(out, 1, j - 1)
				sub(/[ \t]+$/, "", head)
				isfn = head ~ /\)$/
				start = FNR
			}
			depth++
		} else if (c == "}" && depth > 0) {
			depth--
			if (depth == 0 && isfn && FNR - start + 1 > max)
				print FILENAME ":" start " (" FNR - start + 1 " lines)"
		}
	}
	if (depth == 0) {
		t = out
		sub(/[ \t]+$/, "", t)
		if (t != "")
			sig = t
	}
}
