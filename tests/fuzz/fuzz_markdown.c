/*
** fuzz_markdown.c — the Markdown renderer (with its pipe tables and TeX
** math) and the Lua highlighter on arbitrary bytes, at a wide, a narrow
** and a tiny width, UTF-8 and ASCII: never a crash, never a line wider
** than asked.
*/
#include <stdint.h>
#include <stdlib.h>

#include "highlight.h"
#include "markdown.h"
#include "styled.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t widths[] = {80, 23, 5};
	for (int utf8 = 0; utf8 < 2; utf8++)
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			st_text t = ST_TEXT_INIT;
			md_opts mo = {widths[w], utf8};
			md_render((const char *)data, size, &mo, &t);
			for (size_t i = 0; i < t.n; i++)
				if (t.lines[i].len > widths[w])
					abort();
			hl_opts ho = {widths[w], utf8, 1, 1, (int)(w & 1)};
			hl_render((const char *)data, size, &ho, &t);
			st_free(&t);
		}
	return 0;
}
