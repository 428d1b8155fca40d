package config

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/whoosh-dev/whoosh/market"
)

// The watchlist editor changes one list of a config file and leaves every
// other byte as it was: comments, blank lines, key order, quoting and
// spacing. It parses the file with goccy/go-yaml (comments kept) only to
// find the watchlist's symbols sequence and the positions of its entries,
// then splices the source text at those positions. Re-printing the AST
// (file.String()) is not byte-preserving: it rewrites "a   # c" as
// "a # c", "[ A,B ]" as "[A, B]" and drops blank lines inside lists.

// ErrNoWatchlist is wrapped by the error for a watchlist name the file does
// not have.
var ErrNoWatchlist = errors.New("no such watchlist")

// AddMember returns src with symbol appended to the symbols of the
// watchlist named watchlist (names match case-insensitively, as the
// schema's uniqueness rule does). Flow lists ([A, B]) get ", SYM" after
// their last entry; block lists get a "- SYM" line after their last entry,
// indented like it. symbol is normalised and must be valid; a symbol
// already in the list is an error.
func AddMember(src []byte, watchlist, symbol string) ([]byte, error) {
	sym := market.NormalizeSymbol(symbol)
	if !market.ValidSymbol(sym) {
		return nil, fmt.Errorf("config: invalid symbol %s: %s", quote(symbol), symbolHint)
	}
	l, err := findList(src, watchlist)
	if err != nil {
		return nil, err
	}
	for _, e := range l.entries {
		if e.sym == sym {
			return nil, fmt.Errorf("config: %s is already in watchlist %s", sym, quote(watchlist))
		}
	}
	text := scalarText(sym)
	var out []byte
	switch {
	case l.seq.IsFlowStyle && len(l.entries) == 0:
		open, err := l.offset(l.seq.Start, '[')
		if err != nil {
			return nil, err
		}
		out = splice(l.src, open+1, open+1, text)
	case l.seq.IsFlowStyle:
		end := l.entries[len(l.entries)-1].end
		out = splice(l.src, end, end, ", "+text)
	default:
		last := l.entries[len(l.entries)-1]
		ls := lineStart(l.src, last.start)
		indent := l.src[ls:last.start]
		// The entry's own line prefix, "      - ", gives the new line's.
		if trimmed := bytes.TrimRight(indent, " \t"); !bytes.HasSuffix(trimmed, []byte("-")) ||
			len(bytes.TrimLeft(trimmed, " ")) != 1 {
			return nil, fmt.Errorf("config: watchlist %s: cannot add to this list layout; edit the file", quote(watchlist))
		}
		le := lineEnd(l.src, last.end)
		nl := endingAt(l.src, le)
		line := string(indent) + text
		if le == len(l.src) {
			out = splice(l.src, le, le, nl+line+nl)
		} else {
			out = splice(l.src, le+1, le+1, line+nl)
		}
	}
	if err := checkEdit(l.src, out, watchlist, sym, true); err != nil {
		return nil, err
	}
	return l.restore(out), nil
}

// RemoveMember returns src without symbol in the watchlist named watchlist.
// A flow entry goes with one neighbouring comma; a block entry goes with
// its whole line (its inline comment included). Removing the last symbol
// leaves an empty list "[]", which Parse rejects (a watchlist needs a
// symbol): the caller decides whether that is allowed.
func RemoveMember(src []byte, watchlist, symbol string) ([]byte, error) {
	sym := market.NormalizeSymbol(symbol)
	l, err := findList(src, watchlist)
	if err != nil {
		return nil, err
	}
	i := -1
	for k, e := range l.entries {
		if e.sym == sym {
			i = k
		}
	}
	if i < 0 {
		return nil, fmt.Errorf("config: %s is not in watchlist %s", quote(symbol), quote(watchlist))
	}
	e, n := l.entries[i], len(l.entries)
	var out []byte
	// cut removes src[from:to] from a flow list, unless a comment sits
	// there: it would go with the entry (symbols never hold a '#').
	cut := func(from, to int) ([]byte, error) {
		if bytes.IndexByte(l.src[from:to], '#') >= 0 {
			return nil, fmt.Errorf("config: a comment sits beside %s inside the list of watchlist %s; remove it in your editor so the comment is not lost", sym, quote(watchlist))
		}
		return splice(l.src, from, to, ""), nil
	}
	switch {
	case l.seq.IsFlowStyle && n == 1:
		open, err := l.offset(l.seq.Start, '[')
		if err != nil {
			return nil, err
		}
		closing, err := l.offset(l.seq.End, ']')
		if err != nil {
			return nil, err
		}
		if out, err = cut(open+1, closing); err != nil {
			return nil, err
		}
	case l.seq.IsFlowStyle && i < n-1:
		if out, err = cut(e.start, l.entries[i+1].start); err != nil {
			return nil, err
		}
	case l.seq.IsFlowStyle:
		if out, err = cut(l.entries[i-1].end, e.end); err != nil {
			return nil, err
		}
	case n == 1:
		// "symbols:\n  - A\n" → "symbols: []\n"
		colon, err := l.offset(l.key.GetToken(), ':')
		if err != nil {
			return nil, err
		}
		out = splice(l.src, lineStart(l.src, e.start), min(lineEnd(l.src, e.end)+1, len(l.src)), "")
		out = splice(out, colon+1, colon+1, " []")
	default:
		from, to := lineStart(l.src, e.start), min(lineEnd(l.src, e.end)+1, len(l.src))
		out = splice(l.src, from, to, "")
	}
	if err := checkEdit(l.src, out, watchlist, sym, false); err != nil {
		return nil, err
	}
	return l.restore(out), nil
}

// list is a watchlist's symbols sequence in src (without a byte order
// mark, which restore puts back).
type list struct {
	src     []byte
	bom     bool
	key     *ast.MappingValueNode // the "symbols:" pair
	seq     *ast.SequenceNode
	entries []entry
}

// entry is one scalar of the list: its normalised symbol and its text's
// byte range in src.
type entry struct {
	sym        string
	start, end int
}

var bom = []byte("\xef\xbb\xbf")

func (l *list) restore(out []byte) []byte {
	if l.bom {
		return append(bytes.Clone(bom), out...)
	}
	return out
}

// findList parses src and locates the symbols of the named watchlist.
func findList(src []byte, watchlist string) (*list, error) {
	l := &list{src: src}
	if bytes.HasPrefix(src, bom) {
		l.src, l.bom = src[len(bom):], true
	}
	if !utf8.Valid(l.src) {
		return nil, errors.New("config: file is not valid UTF-8")
	}
	text, err := yamlText(l.src)
	if err != nil {
		return nil, err
	}
	file, err := parser.ParseBytes(text, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("config: cannot edit a file that does not parse: %w", err)
	}
	if len(file.Docs) != 1 || file.Docs[0] == nil {
		return nil, errors.New("config: cannot edit a file without exactly one YAML document")
	}
	wls, ok := value(file.Docs[0].Body, "watchlists").(*ast.SequenceNode)
	if !ok {
		return nil, fmt.Errorf("config: watchlist %s: %w (the file has no watchlists list)", quote(watchlist), ErrNoWatchlist)
	}
	want := strings.TrimSpace(watchlist)
	for _, w := range wls.Values {
		name, ok := value(w, "name").(*ast.StringNode)
		if !ok || !strings.EqualFold(strings.TrimSpace(name.Value), want) {
			continue
		}
		l.key = pair(w, "symbols")
		if l.key == nil {
			return nil, fmt.Errorf("config: watchlist %s has no symbols list", quote(watchlist))
		}
		if l.seq, ok = l.key.Value.(*ast.SequenceNode); !ok {
			return nil, fmt.Errorf("config: watchlist %s: symbols is not a plain list; edit the file", quote(watchlist))
		}
		for _, v := range l.seq.Values {
			e, err := l.entry(v)
			if err != nil {
				return nil, fmt.Errorf("config: watchlist %s: %w", quote(watchlist), err)
			}
			l.entries = append(l.entries, e)
		}
		return l, nil
	}
	return nil, fmt.Errorf("config: watchlist %s: %w", quote(watchlist), ErrNoWatchlist)
}

// pair returns the key: value pair named key of a mapping node, or nil.
func pair(n ast.Node, key string) *ast.MappingValueNode {
	var pairs []*ast.MappingValueNode
	switch m := n.(type) {
	case *ast.MappingNode:
		pairs = m.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{m}
	}
	for _, p := range pairs {
		if p != nil && p.Key != nil && p.Key.GetToken() != nil && p.Key.GetToken().Value == key {
			return p
		}
	}
	return nil
}

// value returns the value under key of a mapping node, or nil.
func value(n ast.Node, key string) ast.Node {
	if p := pair(n, key); p != nil {
		return p.Value
	}
	return nil
}

// entry locates one scalar of the list in the source.
func (l *list) entry(v ast.Node) (entry, error) {
	switch v.(type) {
	case *ast.StringNode, *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
	default:
		return entry{}, fmt.Errorf("entry %s is not a plain symbol; edit the file", kind(v))
	}
	tk := v.GetToken()
	start, err := l.offset(tk, 0)
	if err != nil {
		return entry{}, err
	}
	end := start
	switch q := l.src[start]; q {
	case '"', '\'':
		end = closeQuote(l.src, start)
		if end < 0 {
			return entry{}, errors.New("unterminated quote")
		}
	default:
		if !bytes.HasPrefix(l.src[start:], []byte(tk.Value)) {
			if start = nearest(l.src, start, []byte(tk.Value), true); start < 0 {
				return entry{}, fmt.Errorf("cannot locate entry %s in the file; edit the file", quote(tk.Value))
			}
		}
		end = start + len(tk.Value)
	}
	return entry{sym: market.NormalizeSymbol(tk.Value), start: start, end: end}, nil
}
