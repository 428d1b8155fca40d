package config

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// MaxFileSize bounds a config file; a real one is a few kilobytes.
const MaxFileSize = 1 << 20

// maxReported bounds how many errors one parse reports.
const maxReported = 50

// Parse parses and validates a config file's contents; name labels the
// errors (usually the file's path). Omitted sections and keys take their
// defaults, so a file may hold just `window: 1y`; a basket, list or
// watchlist that is given replaces the default one. An empty file gives
// Default().
//
// When the file is invalid Parse returns a nil Config and an Errors holding
// every problem found, each with its position.
func Parse(name string, data []byte) (cfg *Config, err error) {
	defer func() {
		// The YAML parser is third-party code fed untrusted input.
		if r := recover(); r != nil {
			cfg = nil
			err = Errors{{File: name, Msg: "cannot read the file: " + quote(fmt.Sprint(r)),
				Hint: "simplify the YAML; this is a bug worth reporting"}}
		}
	}()
	if len(data) > MaxFileSize {
		return nil, Errors{{File: name, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileSize),
			Hint: "is this the right file?"}}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		return nil, Errors{{File: name, Line: line, Col: col, Msg: "file is not valid UTF-8",
			Hint: "save the file as UTF-8"}}
	}
	if e := checkDepth(name, data); e != nil {
		return nil, Errors{e}
	}
	file, err := parser.ParseBytes(lineFeeds(data), 0)
	if err != nil {
		return nil, Errors{syntaxError(name, err)}
	}
	d := &decoder{file: name}
	cfg = Default()
	var body ast.Node
	for _, doc := range file.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			d.errorf(doc.Body, "", "keep one document; remove the extra ---", "more than one YAML document")
			break
		}
		body = doc.Body
	}
	if body != nil {
		anchors := anchorCollector{}
		ast.Walk(anchors, body)
		d.anchors = anchors
		d.root(body, cfg)
	}
	if len(d.errs) > 0 {
		errs := d.errs.sort()
		if len(errs) > maxReported {
			more := len(errs) - maxReported
			errs = append(errs[:maxReported:maxReported], &Error{File: name,
				Msg: fmt.Sprintf("%d more errors not shown", more)})
		}
		return nil, errs
	}
	return cfg, nil
}

// syntaxError converts a goccy/go-yaml parse error, keeping its position.
func syntaxError(name string, err error) *Error {
	e := &Error{File: name, Hint: "check indentation (spaces, not tabs), quotes and brackets"}
	// Not err.Error(): it prints the source around the error, which takes
	// quadratic time on long lines.
	var ye yaml.Error
	if errors.As(err, &ye) {
		e.Msg = "invalid YAML: " + ye.GetMessage()
		if t := ye.GetToken(); t != nil && t.Position != nil {
			e.Line, e.Col = t.Position.Line, t.Position.Column
		}
	} else {
		e.Msg = "invalid YAML: " + err.Error()
	}
	e.Msg = escapeControl(e.Msg)
	return e
}

// escapeControl replaces control characters with Go escapes (\t, \x1b).
func escapeControl(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// invalidUTF8 returns the line and column of the first invalid byte.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}
