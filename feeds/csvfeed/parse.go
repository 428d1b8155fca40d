package csvfeed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// MaxFileSize bounds one CSV file, so a huge or endless file cannot
// exhaust memory. 64 MiB is about a million daily rows.
const MaxFileSize = 64 << 20

// ErrTooLarge is wrapped when a file exceeds MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// maxReported is how many bad rows a FileError spells out.
const maxReported = 10

// RowError is one unusable line of a CSV file.
type RowError struct {
	File string
	Line int // 1-based
	Msg  string
}

func (e RowError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// FileError is a CSV file with unusable lines. A file with any bad line is
// rejected whole: a price history with holes the user does not know about
// would give wrong returns, so the user fixes the file instead. It lists the
// first ten bad lines and counts the rest.
type FileError struct {
	File  string
	Rows  []RowError // at most 10
	Total int        // number of bad lines, ≥ len(Rows)
}

func (e *FileError) Error() string {
	var b strings.Builder
	for i, r := range e.Rows {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(r.Error())
	}
	if more := e.Total - len(e.Rows); more > 0 {
		fmt.Fprintf(&b, "; and %d more", more)
	}
	return b.String()
}

func (e *FileError) add(line int, format string, args ...any) {
	if len(e.Rows) < maxReported {
		e.Rows = append(e.Rows, RowError{File: e.File, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	e.Total++
}

// columns says where the columns Parse reads sit in a row.
type columns struct {
	n                int // fields per row
	date, close, adj int // -1 when absent (only adj may be)
}

// Parse reads a daily price CSV. file names it in error messages. The
// header is one of date,close / date,close,adj_close / Yahoo's
// Date,Open,High,Low,Close,Adj Close,Volume: column names are matched
// case-insensitively, ignoring spaces, underscores and hyphens, in any
// order; other columns are ignored. Dates are YYYY-MM-DD in strictly
// increasing order. A value of null, ".", NaN or empty is missing: a row
// missing both close and adjusted close is skipped, one missing only one of
// them keeps NaN there. Every other problem — a bad date, a non-numeric or
// non-positive price, a wrong number of fields, a duplicate or decreasing
// date — is a *FileError naming each bad line, and no bars are returned.
// A UTF-8 byte-order mark and CRLF line ends are tolerated.
func Parse(file string, r io.Reader) ([]feeds.Bar, error) {
	return parse(file, r, MaxFileSize)
}

// parse is Parse with the size limit as a parameter, for tests.
func parse(file string, r io.Reader, limit int64) ([]feeds.Bar, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (limit %d bytes)", file, ErrTooLarge, limit)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))

	fe := &FileError{File: file}
	var (
		cols     columns
		haveHead bool
		bars     []feeds.Bar
		prev     market.Date
		prevLine int
	)
	for lineNo := 1; len(data) > 0; lineNo++ {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte{'\n'})
		text := strings.TrimSpace(string(bytes.TrimSuffix(line, []byte{'\r'})))
		if text == "" {
			continue // blank lines, including the usual trailing one
		}
		fields := strings.Split(text, ",")
		for i, f := range fields {
			fields[i] = unquote(strings.TrimSpace(f))
		}
		if !haveHead {
			haveHead = true
			cols, err = parseHeader(fields)
			if err != nil {
				fe.add(lineNo, "%v", err)
				return nil, fe
			}
			continue
		}
		bar, missing, msg := parseRow(fields, cols)
		if msg != "" {
			fe.add(lineNo, "%s", msg)
			continue
		}
		switch {
		case prevLine > 0 && bar.Date == prev:
			fe.add(lineNo, "duplicate date %s (also on line %d)", bar.Date, prevLine)
			continue
		case prevLine > 0 && bar.Date < prev:
			fe.add(lineNo, "date %s is before %s on line %d (rows must be in ascending date order)", bar.Date, prev, prevLine)
			continue
		}
		prev, prevLine = bar.Date, lineNo
		if !missing {
			bars = append(bars, bar)
		}
	}
	if !haveHead {
		fe.add(1, "empty file, want a header such as date,close")
	}
	if fe.Total > 0 {
		return nil, fe
	}
	return bars, nil
}

// parseHeader finds the date, close and adjusted-close columns.
func parseHeader(fields []string) (columns, error) {
	c := columns{n: len(fields), date: -1, close: -1, adj: -1}
	for i, f := range fields {
		var slot *int
		switch normalizeName(f) {
		case "date":
			slot = &c.date
		case "close":
			slot = &c.close
		case "adjclose", "adjustedclose":
			slot = &c.adj
		default:
			continue
		}
		if *slot >= 0 {
			return c, fmt.Errorf("header has column %q twice", clip(f))
		}
		*slot = i
	}
	if c.date < 0 || c.close < 0 {
		return c, fmt.Errorf("header %q needs date and close columns (date,close[,adj_close] or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume)", clip(strings.Join(fields, ",")))
	}
	return c, nil
}

// parseRow parses one data row. missing reports a row without any price;
// msg is non-empty when the row is bad.
func parseRow(fields []string, c columns) (bar feeds.Bar, missing bool, msg string) {
	if len(fields) != c.n {
		return bar, false, fmt.Sprintf("%d fields, header has %d", len(fields), c.n)
	}
	d, err := market.ParseDate(fields[c.date])
	if err != nil {
		return bar, false, fmt.Sprintf("bad date %q (want YYYY-MM-DD)", clip(fields[c.date]))
	}
	bar.Date = d
	bar.Close, msg = parsePrice("close", fields[c.close])
	if msg != "" {
		return bar, false, msg
	}
	bar.AdjClose = math.NaN()
	if c.adj >= 0 {
		if bar.AdjClose, msg = parsePrice("adj_close", fields[c.adj]); msg != "" {
			return bar, false, msg
		}
	}
	return bar, math.IsNaN(bar.Close) && math.IsNaN(bar.AdjClose), ""
}

// parsePrice parses a price: NaN for a missing value, a message for a bad one.
func parsePrice(col, s string) (float64, string) {
	switch strings.ToLower(s) {
	case "", "null", ".", "nan":
		return math.NaN(), ""
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Sprintf("bad %s %q", col, clip(s))
	}
	if v <= 0 {
		return 0, fmt.Sprintf("%s must be positive, got %q", col, clip(s))
	}
	return v, ""
}

// normalizeName folds a column name: "Adj Close", "adj_close" and
// "ADJ-CLOSE" all become "adjclose".
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		return r
	}, strings.ToLower(s))
}

// unquote strips one pair of surrounding double quotes.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// clip shortens a value quoted in an error so one absurd field cannot
// flood the screen.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return strings.ToValidUTF8(s[:max], "") + "…"
}
