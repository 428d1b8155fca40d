package config

import "fmt"

// maxDepth bounds how deeply a config may nest. A real config nests three
// or four levels; the YAML parser takes quadratic time and memory on very
// deep nesting ("[[[[…" of a megabyte exhausts memory), so depth is
// checked with a cheap scan before parsing.
const maxDepth = 32

// checkDepth scans YAML source for nesting deeper than maxDepth: flow
// brackets ([ and { outside quotes and comments) still open, or block
// indicators ("- " and "? ") chained on one line. It errs on the side of
// not counting (a bracket inside a plain scalar such as a[b is skipped), so
// it never rejects a sensible file. It returns nil when the depth is fine.
func checkDepth(name string, data []byte) *Error {
	depth := 0
	line, col := 1, 0
	atLineStart := true // only indentation seen so far on this line
	chain := 0          // block indicators chained at the start of this line
	var prev byte = '\n'
	tooDeep := func(what string) *Error {
		return &Error{File: name, Line: line, Col: col,
			Msg:  fmt.Sprintf("%s nest more than %d deep", what, maxDepth),
			Hint: "a config needs only a few levels; check for stray brackets or dashes"}
	}
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		if c == '\n' {
			line, col, atLineStart, chain, prev = line+1, 0, true, 0, c
			continue
		}
		tokenStart := prev == ' ' || prev == '\t' || prev == '\n' || prev == '[' || prev == '{' || prev == ',' || prev == ':'
		switch {
		case atLineStart && (c == ' ' || c == '\t'):
			// indentation
		case atLineStart && (c == '-' || c == '?') && (i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\t' || data[i+1] == '\n'):
			if chain++; chain > maxDepth {
				return tooDeep("block lists")
			}
		case c == '#' && tokenStart:
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case (c == '\'' || c == '"') && tokenStart:
			// Skip the quoted scalar, which may span lines.
			for i++; i < len(data); i++ {
				col++
				if data[i] == '\n' {
					line, col = line+1, 0
				} else if c == '"' && data[i] == '\\' && i+1 < len(data) && data[i+1] != '\n' {
					i++
					col++
				} else if data[i] == c {
					break
				}
			}
			atLineStart = false
			if i < len(data) {
				prev = data[i]
			}
			continue
		case (c == '[' || c == '{') && tokenStart:
			if depth++; depth > maxDepth {
				return tooDeep("brackets")
			}
			atLineStart = false
		case (c == ']' || c == '}') && depth > 0:
			depth--
			atLineStart = false
		default:
			atLineStart = false
		}
		prev = c
	}
	return nil
}
