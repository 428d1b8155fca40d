package fred

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// maxLine bounds one CSV line. FRED lines are about 20 bytes; anything far
// longer is not a FRED export.
const maxLine = 64 << 10

// ParseCSV reads a FRED graph CSV export of the series id.
//
// The header is "<date column>,<ID>". The date column is observation_date in
// current exports and DATE in older ones, so it is read by position; the
// second column must name id (case-insensitively), which catches a file of
// the wrong series. An empty id accepts any series name. Dates are ISO
// (YYYY-MM-DD) and must be strictly ascending. A value of "." or an empty
// field means FRED has no observation for that date: the row is skipped, so
// a missing value never turns into 0. A UTF-8 BOM, CRLF line endings, blank
// lines and double-quoted fields are tolerated. A file with only a header
// yields no observations and no error.
//
// Errors name the file and line as FRED would save it, for example
// `UNRATE.csv:12: bad value "x"`.
func ParseCSV(r io.Reader, id string) ([]market.Observation, error) {
	name := id + ".csv"
	if id == "" {
		name = "fred.csv"
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)

	var (
		obs      []market.Observation
		line     int
		header   bool
		prev     market.Date
		havePrev bool
	)
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text()) // also drops the \r of CRLF
		if line == 1 {
			text = strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF"))
		}
		if text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s:%d: want 2 columns (date,%s), got %d", name, line, orAny(id), len(fields))
		}
		first, second := unquote(fields[0]), unquote(fields[1])
		if !header {
			if err := checkHeader(first, second, id); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			header = true
			continue
		}
		d, err := market.ParseDate(first)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if havePrev && d <= prev {
			return nil, fmt.Errorf("%s:%d: date %s not after %s: dates must be ascending", name, line, d, prev)
		}
		prev, havePrev = d, true
		if second == "" || second == "." {
			continue // FRED's marks for a missing observation
		}
		v, err := strconv.ParseFloat(second, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s:%d: bad value %q", name, line, clip(second))
		}
		obs = append(obs, market.Observation{Date: d, Value: v})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%s:%d: line longer than %d bytes: not a FRED CSV", name, line+1, maxLine)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if !header {
		return nil, fmt.Errorf("%s: empty file: want header \"observation_date,%s\"", name, orAny(id))
	}
	return obs, nil
}

// checkHeader validates the header row: any non-empty date column name
// (observation_date, DATE, ...) and the series ID in the second column.
func checkHeader(dateCol, idCol, id string) error {
	if dateCol == "" {
		return errors.New("header has no date column")
	}
	if _, err := market.ParseDate(dateCol); err == nil {
		return fmt.Errorf("missing header: first row is data (%s)", clip(dateCol))
	}
	if id == "" {
		if !ValidID(idCol) && !ValidID(strings.ToUpper(idCol)) {
			return fmt.Errorf("bad series column %q", clip(idCol))
		}
		return nil
	}
	if !strings.EqualFold(idCol, id) {
		return fmt.Errorf("series column is %q, want %s", clip(idCol), id)
	}
	return nil
}

// unquote trims spaces and one pair of surrounding double quotes.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// clip shortens untrusted text quoted in an error message.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "…"
}

func orAny(id string) string {
	if id == "" {
		return "ID"
	}
	return id
}
