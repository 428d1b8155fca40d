package config

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/whoosh-dev/whoosh/market"
)

// lineFeeds returns src with its CRLF line ends as LF, for the YAML
// parser: goccy/go-yaml counts the CRLF ending a comment as two lines
// (goccy/go-yaml#560), which puts every position below it a line late.
// A CR only ever ends a line there, so lines and columns stay those of src.
func lineFeeds(src []byte) []byte {
	if !bytes.Contains(src, []byte("\r\n")) {
		return src
	}
	return bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
}

// yamlText is src as the editor hands it to the YAML parser, CRLF line
// ends as LF (lineFeeds). A carriage return that ends no line is refused:
// YAML reads it as a line break, which the editor's positions do not.
func yamlText(src []byte) ([]byte, error) {
	lf := lineFeeds(src)
	if bytes.IndexByte(lf, '\r') >= 0 {
		return nil, errors.New("config: the file has a carriage return (CR) that does not end a line; edit the file")
	}
	return lf, nil
}

// namedList is one watchlist as the editor reads it: its name as written
// and its symbols normalised (nil when symbols is not a plain sequence).
type namedList struct {
	name string
	syms []string
}

// watchlistsOf reads every watchlist of src in file order.
func watchlistsOf(src []byte) ([]namedList, error) {
	file, err := parser.ParseBytes(lineFeeds(src), 0)
	if err != nil {
		return nil, fmt.Errorf("config: the edited file does not parse: %w", err)
	}
	if len(file.Docs) != 1 || file.Docs[0] == nil {
		return nil, errors.New("config: the edited file is not one YAML document")
	}
	wls, _ := value(file.Docs[0].Body, "watchlists").(*ast.SequenceNode)
	if wls == nil {
		return nil, nil
	}
	var out []namedList
	for _, w := range wls.Values {
		var l namedList
		if name, ok := value(w, "name").(*ast.StringNode); ok {
			l.name = strings.TrimSpace(name.Value)
		}
		if seq, ok := value(w, "symbols").(*ast.SequenceNode); ok {
			l.syms = []string{}
			for _, v := range seq.Values {
				l.syms = append(l.syms, market.NormalizeSymbol(v.GetToken().Value))
			}
		}
		out = append(out, l)
	}
	return out, nil
}

// checkEdit confirms that out differs from src, as YAML, by exactly sym
// appended to (add) or removed from the watchlist named watchlist, every
// other list as it was: a position misread in the file must end in a
// refusal, never in a wrong write.
func checkEdit(src, out []byte, watchlist, sym string, add bool) error {
	before, err := watchlistsOf(src)
	if err != nil {
		return err
	}
	after, err := watchlistsOf(out)
	if err != nil {
		return err
	}
	ok := len(before) == len(after)
	for i := 0; ok && i < len(before); i++ {
		b, a := before[i], after[i]
		switch {
		case a.name != b.name:
			ok = false
		case !strings.EqualFold(b.name, strings.TrimSpace(watchlist)):
			ok = slices.Equal(a.syms, b.syms)
		case add:
			ok = slices.Equal(a.syms, append(slices.Clone(b.syms), sym))
		default:
			ok = removedOnce(b.syms, a.syms, sym)
		}
	}
	if !ok {
		return fmt.Errorf("config: watchlist %s: the edit did not come out as intended, so nothing was written; edit the file (and please report it)", quote(watchlist))
	}
	return nil
}

// removedOnce reports whether after is before without one of its sym.
func removedOnce(before, after []string, sym string) bool {
	for k, s := range before {
		if s == sym && slices.Equal(after, slices.Delete(slices.Clone(before), k, k+1)) {
			return true
		}
	}
	return false
}
