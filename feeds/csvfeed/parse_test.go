package csvfeed

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

func day(s string) market.Date {
	d, err := market.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

var nan = math.NaN()

// same compares floats treating NaN as equal to NaN.
func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

func sameBars(a, b []feeds.Bar) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Date != b[i].Date || !same(a[i].Close, b[i].Close) || !same(a[i].AdjClose, b[i].AdjClose) {
			return false
		}
	}
	return true
}

// yahooSample is Yahoo's download format, as its "Download" link wrote it
// (2024-03-18..20 NVDA, split-adjusted).
const yahooSample = `Date,Open,High,Low,Close,Adj Close,Volume
2024-03-18,90.35,92.36,88.40,88.42,88.40,650000000
2024-03-19,86.73,89.43,85.15,89.35,89.33,560000000
2024-03-20,89.74,90.38,88.50,90.36,90.34,490000000
`

func TestParseHeaders(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []feeds.Bar
	}{
		{"date,close", "date,close\n2024-03-19,89.35\n2024-03-20,90.36\n", []feeds.Bar{
			{Date: day("2024-03-19"), Close: 89.35, AdjClose: nan},
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: nan},
		}},
		{"date,close,adj_close", "date,close,adj_close\n2024-03-20,90.36,90.34\n", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: 90.34},
		}},
		{"yahoo", yahooSample, []feeds.Bar{
			{Date: day("2024-03-18"), Close: 88.42, AdjClose: 88.40},
			{Date: day("2024-03-19"), Close: 89.35, AdjClose: 89.33},
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: 90.34},
		}},
		{"any order and case", "ADJ_CLOSE,Volume,CLOSE,Date\n90.34,1,90.36,2024-03-20\n", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: 90.34},
		}},
		{"BOM and CRLF", "\ufeffdate,close\r\n2024-03-20,90.36\r\n", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: nan},
		}},
		{"quoted fields, spaces, blank lines, no final newline", "\n\"date\", \"close\"\n\n \"2024-03-20\" , 90.36 \n\n2024-03-21,91", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: nan},
			{Date: day("2024-03-21"), Close: 91, AdjClose: nan},
		}},
		{"missing values skip the row", "date,close,adj_close\n2024-03-18,null,null\n2024-03-19,.,.\n2024-03-20,,\n2024-03-21,NaN,\n2024-03-22,91,90.9\n", []feeds.Bar{
			{Date: day("2024-03-22"), Close: 91, AdjClose: 90.9},
		}},
		{"one missing value keeps the row", "date,close,adj_close\n2024-03-20,90.36,null\n2024-03-21,null,91.2\n", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 90.36, AdjClose: nan},
			{Date: day("2024-03-21"), Close: nan, AdjClose: 91.2},
		}},
		{"yahoo null row", "Date,Open,High,Low,Close,Adj Close,Volume\n2024-09-12,null,null,null,null,null,null\n2024-09-13,1,1,1,10.5,10.4,5\n", []feeds.Bar{
			{Date: day("2024-09-13"), Close: 10.5, AdjClose: 10.4},
		}},
		{"header only", "date,close\n", nil},
		{"exponent", "date,close\n2024-03-20,6.79e4\n", []feeds.Bar{
			{Date: day("2024-03-20"), Close: 67900, AdjClose: nan},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("NVDA.csv", strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !sameBars(got, tt.want) {
				t.Errorf("Parse =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseBadRows(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the whole error message
	}{
		{"bad close", "date,close\n2024-03-19,89.35\n2024-03-20,abc\n",
			`NVDA.csv:3: bad close "abc"`},
		{"bad adj_close", "date,close,adj_close\n2024-03-20,90.36,9o.34\n",
			`NVDA.csv:2: bad adj_close "9o.34"`},
		{"bad date", "date,close\n20/03/2024,90.36\n",
			`NVDA.csv:2: bad date "20/03/2024" (want YYYY-MM-DD)`},
		{"impossible date", "date,close\n2024-02-30,90.36\n",
			`NVDA.csv:2: bad date "2024-02-30" (want YYYY-MM-DD)`},
		{"too few fields", "date,close,adj_close\n2024-03-20,90.36\n",
			`NVDA.csv:2: 2 fields, header has 3`},
		{"too many fields", "date,close\n2024-03-20,90.36,1\n",
			`NVDA.csv:2: 3 fields, header has 2`},
		{"zero price", "date,close\n2024-03-20,0\n",
			`NVDA.csv:2: close must be positive, got "0"`},
		{"negative price", "date,close\n2024-03-20,-1.5\n",
			`NVDA.csv:2: close must be positive, got "-1.5"`},
		{"infinite price", "date,close\n2024-03-20,Inf\n",
			`NVDA.csv:2: bad close "Inf"`},
		{"duplicate date", "date,close\n2024-03-19,1\n2024-03-20,2\n2024-03-20,3\n",
			`NVDA.csv:4: duplicate date 2024-03-20 (also on line 3)`},
		{"decreasing date", "date,close\n2024-03-20,2\n2024-03-19,1\n",
			`NVDA.csv:3: date 2024-03-19 is before 2024-03-20 on line 2 (rows must be in ascending date order)`},
		{"a missing row still orders", "date,close\n2024-03-20,null\n2024-03-20,1\n",
			`NVDA.csv:3: duplicate date 2024-03-20 (also on line 2)`},
		{"line numbers count blank lines and CRLF", "date,close\r\n\r\n2024-03-19,1\r\n\r\n2024-03-20,x\r\n",
			`NVDA.csv:5: bad close "x"`},
		{"every bad row is listed", "date,close\n2024-03-18,a\n2024-03-19,1\n2024-03-20,-2\n",
			`NVDA.csv:2: bad close "a"; NVDA.csv:4: close must be positive, got "-2"`},
		{"long values are clipped", "date,close\n2024-03-20," + strings.Repeat("9x", 30) + "\n",
			`NVDA.csv:2: bad close "` + strings.Repeat("9x", 20) + `…"`},
		{"control characters are quoted", "date,close\n2024-03-20,\x1b[31m\n",
			`NVDA.csv:2: bad close "\x1b[31m"`},
		{"empty file", "",
			`NVDA.csv:1: empty file, want a header such as date,close`},
		{"only a BOM and blank lines", "\ufeff\n\n",
			`NVDA.csv:1: empty file, want a header such as date,close`},
		{"no close column", "date,price\n2024-03-20,1\n",
			`NVDA.csv:1: header "date,price" needs date and close columns (date,close[,adj_close] or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume)`},
		{"headerless data", "2024-03-20,90.36\n",
			`NVDA.csv:1: header "2024-03-20,90.36" needs date and close columns (date,close[,adj_close] or Yahoo's Date,Open,High,Low,Close,Adj Close,Volume)`},
		{"duplicate column", "date,close,Close\n",
			`NVDA.csv:1: header has column "Close" twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bars, err := Parse("NVDA.csv", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Parse error\n got %v\nwant %s", err, tt.want)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != "NVDA.csv" {
				t.Errorf("error %T is not a *FileError for NVDA.csv", err)
			}
			if bars != nil {
				t.Errorf("Parse returned %d bars with an error; want none", len(bars))
			}
		})
	}
}

func TestParseCapsReportedRows(t *testing.T) {
	// 13 bad rows on lines 2..14: the first ten are spelled out, then
	// "and 3 more".
	in := "date,close\n" + strings.Repeat("2024-03-20,x\n", 13)
	_, err := Parse("F.csv", strings.NewReader(in))
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v, want *FileError", err)
	}
	if fe.Total != 13 || len(fe.Rows) != 10 || fe.Rows[9].Line != 11 {
		t.Errorf("Total %d, %d rows, last listed line %d; want 13, 10, 11", fe.Total, len(fe.Rows), fe.Rows[len(fe.Rows)-1].Line)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, `F.csv:2: bad close "x"; F.csv:3: `) || !strings.HasSuffix(msg, `F.csv:11: bad close "x"; and 3 more`) {
		t.Errorf("message %q", msg)
	}
}

func TestParseSizeLimit(t *testing.T) {
	in := "date,close\n2024-03-20,1\n" // 24 bytes
	if _, err := parse("A.csv", strings.NewReader(in), 24); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := parse("A.csv", strings.NewReader(in), 23); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the limit: %v, want ErrTooLarge", err)
	}
}

// FuzzParseCSV checks that Parse never panics and that what it accepts is
// what the analytics need: strictly increasing dates, each bar with at
// least one positive finite price.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		yahooSample,
		"date,close\n2024-03-19,89.35\n2024-03-20,90.36\n",
		"date,close,adj_close\n2024-03-20,90.36,null\n2024-03-21,.,91\n",
		"\ufeffdate,close\r\n2024-03-20,90.36\r\n",
		"date,close\n2024-03-20,abc\n2024-03-19,-1\n2024-03-19,1,2\n",
		"Date,Open,High,Low,Close,Adj Close,Volume\n2024-09-12,null,null,null,null,null,null\n",
		"date,close,Close\n",
		"\"date\",\"close\"\n\"2024-03-20\",\"1e400\"\n",
		"",
		"\n\n\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		bars, err := Parse("X.csv", strings.NewReader(in))
		if err != nil {
			if bars != nil || !strings.HasPrefix(err.Error(), "X.csv:") {
				t.Fatalf("error %q with %d bars", err, len(bars))
			}
			return
		}
		for i, b := range bars {
			if i > 0 && b.Date <= bars[i-1].Date {
				t.Fatalf("bar %d dated %s after %s", i, b.Date, bars[i-1].Date)
			}
			ok := func(v float64) bool { return v > 0 && !math.IsInf(v, 0) }
			if !ok(b.Close) && !ok(b.AdjClose) {
				t.Fatalf("bar %d has no price: %+v", i, b)
			}
			for _, v := range []float64{b.Close, b.AdjClose} {
				if !math.IsNaN(v) && !ok(v) {
					t.Fatalf("bar %d has a bad price: %+v", i, b)
				}
			}
		}
	})
}
