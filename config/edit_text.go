package config

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/whoosh-dev/whoosh/market"
)

// Text-level helpers of the watchlist editor (edit.go), and AddWatchlist.

// offset turns a token's line and column (counted in runes, from 1) into
// a byte offset in src. With want (0: any), the byte there must be want,
// else the nearest want on the same line is taken.
func (l *list) offset(tk *token.Token, want byte) (int, error) {
	if tk == nil || tk.Position == nil {
		return 0, errors.New("cannot locate the list in the file")
	}
	line, col := tk.Position.Line, tk.Position.Column
	at := 0
	for ; line > 1; line-- {
		nl := bytes.IndexByte(l.src[at:], '\n')
		if nl < 0 {
			return 0, errors.New("cannot locate the list in the file")
		}
		at += nl + 1
	}
	// The lexer counts columns in runes but skips a tab that follows the
	// line's first non-blank ("-\tTSLA", "symbols:\t[A,\tB]"): so do we.
	content := false
	for at < len(l.src) && l.src[at] != '\n' {
		c := l.src[at]
		if c == '\t' && content {
			at++
			continue
		}
		if col == 1 {
			break
		}
		content = content || (c != ' ' && c != '\t')
		_, size := utf8.DecodeRune(l.src[at:])
		at += size
		col--
	}
	if want != 0 && (at >= len(l.src) || l.src[at] != want) {
		at = nearest(l.src, at, []byte{want}, false)
	}
	if at < 0 || at >= len(l.src) {
		return 0, errors.New("cannot locate the list in the file")
	}
	return at, nil
}

// nearest returns the offset of text on the line holding offset at, the
// occurrence nearest at (the leftmost of two as near), or -1. The lexer
// places a plain scalar followed by blanks as many columns to the right as
// there are blanks; the text itself is then the nearest occurrence. A
// plain scalar must stand alone: not inside a longer word. checkEdit
// refuses an edit that would still land on the wrong text.
func nearest(src []byte, at int, text []byte, plain bool) int {
	at = min(at, len(src))
	ls, le := lineStart(src, at), lineEnd(src, at)
	best := -1
	for i := ls; i+len(text) <= le; i++ {
		if !bytes.HasPrefix(src[i:], text) {
			continue
		}
		if plain && ((i > ls && !bytes.ContainsAny(src[i-1:i], " \t[,")) ||
			(i+len(text) < le && !bytes.ContainsAny(src[i+len(text):i+len(text)+1], " \t,]\r"))) {
			continue
		}
		if best < 0 || distance(i, at) < distance(best, at) {
			best = i
		}
	}
	return best
}

func distance(a, b int) int { return max(a-b, b-a) }

// closeQuote returns the offset just after the quoted scalar starting at
// start, or -1. Double quotes escape with a backslash, single quotes by
// doubling.
func closeQuote(src []byte, start int) int {
	q := src[start]
	for i := start + 1; i < len(src); i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i++
		case src[i] == q:
			return i + 1
		}
	}
	return -1
}

// scalarText is sym as a YAML scalar: plain when YAML reads it back as the
// same text (NVDA, ^GSPC, BTC-USD, EURUSD=X), double-quoted otherwise
// ("NULL", "~").
func scalarText(sym string) string {
	f, err := parser.ParseBytes([]byte("["+sym+"]"), 0)
	if err == nil && len(f.Docs) == 1 {
		if s, ok := f.Docs[0].Body.(*ast.SequenceNode); ok && len(s.Values) == 1 {
			switch v := s.Values[0].(type) {
			case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
				if v.GetToken().Value == sym {
					return sym
				}
			}
		}
	}
	return `"` + sym + `"` // valid symbols hold no quote or backslash
}

// splice replaces src[from:to] with text, in a new slice.
func splice(src []byte, from, to int, text string) []byte {
	out := make([]byte, 0, len(src)-(to-from)+len(text))
	out = append(out, src[:from]...)
	out = append(out, text...)
	return append(out, src[to:]...)
}

// lineStart is the offset of the start of the line holding offset i.
func lineStart(src []byte, i int) int { return bytes.LastIndexByte(src[:i], '\n') + 1 }

// eol is the file's line ending: CRLF when its first line ends so, else LF.
func eol(src []byte) string {
	if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
		return endingAt(src, nl)
	}
	return "\n"
}

// endingAt is the ending of the line whose newline is at offset nl, or the
// file's (eol) when nl is the end of a file without a final newline.
func endingAt(src []byte, nl int) string {
	switch {
	case nl >= len(src):
		return eol(src)
	case nl > 0 && src[nl-1] == '\r':
		return "\r\n"
	}
	return "\n"
}

// lineEnd is the offset of the newline ending the line holding offset i,
// or len(src) on the last line.
func lineEnd(src []byte, i int) int {
	if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
		return i + nl
	}
	return len(src)
}

// AddWatchlist returns src with a new watchlist named name holding symbol,
// for a file with no watchlists yet: a block "watchlists:" section appended
// at the end (the commented default has none), or an entry inside an empty
// "watchlists: []". A file that already lists watchlists is an error: add
// to one of them with AddMember.
func AddWatchlist(src []byte, name, symbol string) ([]byte, error) {
	sym := market.NormalizeSymbol(symbol)
	if !market.ValidSymbol(sym) {
		return nil, fmt.Errorf("config: invalid symbol %s: %s", quote(symbol), symbolHint)
	}
	body := bytes.TrimPrefix(src, bom)
	text, err := yamlText(body)
	if err != nil {
		return nil, err
	}
	file, err := parser.ParseBytes(text, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("config: cannot edit a file that does not parse: %w", err)
	}
	if len(file.Docs) > 1 {
		return nil, errors.New("config: cannot edit a file with more than one YAML document")
	}
	var root ast.Node
	if len(file.Docs) == 1 && file.Docs[0] != nil {
		root = file.Docs[0].Body
	}
	entry := "{name: " + scalarText(name) + ", symbols: [" + scalarText(sym) + "]}"
	switch wls := value(root, "watchlists").(type) {
	case nil:
		if pair(root, "watchlists") != nil {
			return nil, errors.New("config: watchlists: is empty; write watchlists: [] or remove it")
		}
		out, nl := bytes.Clone(src), eol(body)
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, nl...)
		}
		return append(out, "watchlists:"+nl+"  - "+entry+nl...), nil
	case *ast.SequenceNode:
		if !wls.IsFlowStyle || len(wls.Values) > 0 {
			return nil, errors.New("config: the file already has watchlists; add to one of them")
		}
		l := &list{src: body, bom: len(body) != len(src)}
		open, err := l.offset(wls.Start, '[')
		if err != nil {
			return nil, err
		}
		return l.restore(splice(body, open+1, open+1, entry)), nil
	default:
		return nil, errors.New("config: watchlists: is not a list; edit the file")
	}
}
