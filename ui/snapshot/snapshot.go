package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// Format is an output format of the snapshot.
type Format string

// The formats.
const (
	Text     Format = "text"     // the dashboard's panels, for a terminal or a log
	Markdown Format = "markdown" // headings, GitHub tables and fenced charts
	JSON     Format = "json"     // the Document, see docs/snapshot-json.md
	CSV      Format = "csv"      // a tidy table, see CSVTable
)

// Formats returns every format in the order help texts list them.
func Formats() []Format { return []Format{Text, Markdown, JSON, CSV} }

// ParseFormat parses a format name, case-insensitively ("md" is Markdown).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case Text, Markdown, JSON, CSV:
		return f, nil
	case "md":
		return Markdown, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, markdown, json or csv)", s)
}

// CSVTable selects which table the CSV format writes.
type CSVTable string

// The CSV tables.
const (
	// Series is "date,series,value": one row per date of every charted series.
	Series CSVTable = "series"
	// Metrics is "metric,value,unit,source": one row per number shown.
	Metrics CSVTable = "metrics"
)

// ParseCSVTable parses a CSV table name, case-insensitively.
func ParseCSVTable(s string) (CSVTable, error) {
	switch t := CSVTable(strings.ToLower(strings.TrimSpace(s))); t {
	case Series, Metrics:
		return t, nil
	}
	return "", fmt.Errorf("unknown csv table %q (want series or metrics)", s)
}

// DefaultWidth is the text width used when Options.Width is not positive.
const DefaultWidth = 80

// Options say how to write a snapshot.
type Options struct {
	Format   Format   // "" means Text
	Width    int      // columns for text panels and markdown charts; ≤ 0 means DefaultWidth
	CSVTable CSVTable // for CSV; "" means Series
	Warnings []string // extra warnings from the caller, added to the state's (see Warnings)
	// Thesis is the scored essay (market.Thesis), written in every format;
	// nil writes an empty scorecard.
	Thesis []market.Claim
	// Alerts, when not nil, is written as the JSON document's alerts.
	Alerts *[]Alert
}

// Write writes the snapshot of s to w in the format o asks for. The whole
// snapshot is rendered before anything is written, so w receives either all
// of it or (on a render error) nothing.
func Write(w io.Writer, s ui.State, o Options) error {
	if o.Width <= 0 {
		o.Width = DefaultWidth
	}
	if o.Thesis == nil {
		o.Thesis = s.Thesis
	}
	var buf bytes.Buffer
	var err error
	switch o.Format {
	case Text, "":
		err = writeText(&buf, s, o)
	case Markdown:
		err = writeMarkdown(&buf, s, o)
	case JSON:
		err = writeJSON(&buf, s, o)
	case CSV:
		switch o.CSVTable {
		case Series, "":
			err = writeSeriesCSV(&buf, s)
		case Metrics:
			err = writeMetricsCSV(&buf, s)
			if err == nil {
				err = writeThesisMetrics(&buf, s, o.Thesis)
			}
		default:
			err = fmt.Errorf("unknown csv table %q (want series or metrics)", o.CSVTable)
		}
	default:
		err = fmt.Errorf("unknown format %q (want text, markdown, json or csv)", o.Format)
	}
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("snapshot: write: %w", err)
	}
	return nil
}

// writeJSON writes the Document, indented by two spaces, with a final
// newline. HTML characters are not escaped: the output is for jq, not for a
// web page, and "<" reads better than "\u003c".
func writeJSON(w io.Writer, s ui.State, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	doc := NewDocument(s, o.Warnings)
	doc.Thesis = thesisClaims(o.Thesis)
	doc.Alerts = o.Alerts
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode json: %w", err)
	}
	return nil
}

// writeText writes the dashboard's panels. Colour is the caller's choice
// (the lipgloss colour profile); nothing is stripped here.
func writeText(w io.Writer, s ui.State, o Options) error {
	out := renderText(s, o.Width)
	if len(o.Thesis) > 0 {
		out = strings.TrimRight(out, "\n") + "\n\n" + ui.ThesisPanel(s, o.Thesis, o.Width, 0)
	}
	if !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	_, err := io.WriteString(w, out)
	return err
}
