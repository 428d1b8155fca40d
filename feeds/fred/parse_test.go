package fred

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

func d(s string) market.Date {
	t, err := market.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseCSVReferenceFiles(t *testing.T) {
	// Values checked by hand against the files (grep -n in testdata).
	tests := []struct {
		file  string
		count int // data rows minus rows with an empty value
		first market.Observation
		last  market.Observation
		spot  map[string]float64 // date -> value
		gone  []string           // dates whose value is missing
	}{
		{
			// 938 data rows (1948-01..2026-02, 938 months); 2025-10-01 is empty.
			file:  "UNRATE-2026-03-observation_date-header.csv",
			count: 937,
			first: market.Observation{Date: d("1948-01-01"), Value: 3.4},
			last:  market.Observation{Date: d("2026-02-01"), Value: 4.4},
			spot: map[string]float64{
				"2020-03-01": 4.4, "2020-04-01": 14.8, "2020-05-01": 13.2,
				"2025-09-01": 4.4, "2025-11-01": 4.5,
			},
			gone: []string{"2025-10-01"},
		},
		{
			// 180 data rows, 2000-01..2014-12, header DATE,UNRATE.
			file:  "UNRATE-2022-04-DATE-header.csv",
			count: 180,
			first: market.Observation{Date: d("2000-01-01"), Value: 4.0},
			last:  market.Observation{Date: d("2014-12-01"), Value: 5.6},
			spot:  map[string]float64{"2008-10-01": 6.5, "2008-12-01": 7.3, "2000-04-01": 3.8},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			obs, err := ParseCSV(f, "UNRATE")
			if err != nil {
				t.Fatal(err)
			}
			if len(obs) != tt.count {
				t.Errorf("got %d observations, want %d", len(obs), tt.count)
			}
			if obs[0] != tt.first || obs[len(obs)-1] != tt.last {
				t.Errorf("first/last = %v/%v, want %v/%v", obs[0], obs[len(obs)-1], tt.first, tt.last)
			}
			byDate := map[market.Date]float64{}
			for _, o := range obs {
				byDate[o.Date] = o.Value
			}
			for ds, want := range tt.spot {
				if got, ok := byDate[d(ds)]; !ok || got != want {
					t.Errorf("%s = %v (present %v), want %v", ds, got, ok, want)
				}
			}
			for _, ds := range tt.gone {
				if v, ok := byDate[d(ds)]; ok {
					t.Errorf("%s present with %v, want skipped as missing", ds, v)
				}
			}
		})
	}
}

func TestParseCSV(t *testing.T) {
	ok := func(ds string, v float64) market.Observation { return market.Observation{Date: d(ds), Value: v} }
	tests := []struct {
		name    string
		id      string
		in      string
		want    []market.Observation
		wantErr string // substring; "" means no error
	}{
		{"current header", "UNRATE", "observation_date,UNRATE\n2024-01-01,3.7\n2024-02-01,3.9\n",
			[]market.Observation{ok("2024-01-01", 3.7), ok("2024-02-01", 3.9)}, ""},
		{"old DATE header", "UNRATE", "DATE,UNRATE\n2024-01-01,3.7\n", []market.Observation{ok("2024-01-01", 3.7)}, ""},
		{"id case-insensitive", "UNRATE", "observation_date,unrate\n2024-01-01,3.7\n", []market.Observation{ok("2024-01-01", 3.7)}, ""},
		{"empty id accepts any series", "", "DATE,FEDFUNDS\n2024-01-01,5.33\n", []market.Observation{ok("2024-01-01", 5.33)}, ""},
		{"dot is missing", "FEDFUNDS", "observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,.\n2024-03-01,5.33\n",
			[]market.Observation{ok("2024-01-01", 5.33), ok("2024-03-01", 5.33)}, ""},
		{"empty is missing", "UNRATE", "observation_date,UNRATE\n2025-09-01,4.4\n2025-10-01,\n2025-11-01,4.5\n",
			[]market.Observation{ok("2025-09-01", 4.4), ok("2025-11-01", 4.5)}, ""},
		{"header only", "UNRATE", "observation_date,UNRATE\n", nil, ""},
		{"header only no newline", "UNRATE", "observation_date,UNRATE", nil, ""},
		{"all missing", "UNRATE", "observation_date,UNRATE\n2024-01-01,.\n", nil, ""},
		{"CRLF and BOM", "UNRATE", "\uFEFFobservation_date,UNRATE\r\n2024-01-01,3.7\r\n2024-02-01,3.9\r\n",
			[]market.Observation{ok("2024-01-01", 3.7), ok("2024-02-01", 3.9)}, ""},
		{"quoted and blank lines", "UNRATE", "\"DATE\",\"UNRATE\"\n\n\"2024-01-01\",\"3.7\"\n\n",
			[]market.Observation{ok("2024-01-01", 3.7)}, ""},
		{"daily dates", "DFF", "observation_date,DFF\n2024-01-02,5.33\n2024-01-03,5.33\n",
			[]market.Observation{ok("2024-01-02", 5.33), ok("2024-01-03", 5.33)}, ""},
		{"negative value", "X1", "DATE,X1\n2024-01-01,-0.25\n", []market.Observation{ok("2024-01-01", -0.25)}, ""},

		{"empty file", "UNRATE", "", nil, "UNRATE.csv: empty file"},
		{"wrong id column", "UNRATE", "observation_date,FEDFUNDS\n2024-01-01,5.33\n", nil, `UNRATE.csv:1: series column is "FEDFUNDS", want UNRATE`},
		{"no header", "UNRATE", "2024-01-01,3.7\n", nil, "UNRATE.csv:1: missing header"},
		{"one column header", "UNRATE", "observation_date\n", nil, "UNRATE.csv:1: want 2 columns"},
		{"bad value", "UNRATE", "observation_date,UNRATE\n2024-01-01,3.7\n2024-02-01,x\n", nil, `UNRATE.csv:3: bad value "x"`},
		{"NaN literal", "UNRATE", "observation_date,UNRATE\n2024-01-01,NaN\n", nil, `UNRATE.csv:2: bad value "NaN"`},
		{"Inf literal", "UNRATE", "observation_date,UNRATE\n2024-01-01,+Inf\n", nil, `UNRATE.csv:2: bad value "+Inf"`},
		{"bad date", "UNRATE", "observation_date,UNRATE\n01/02/2024,3.7\n", nil, `UNRATE.csv:2: bad date "01/02/2024"`},
		{"three columns", "UNRATE", "observation_date,UNRATE\n2024-01-01,3.7,1\n", nil, "UNRATE.csv:2: want 2 columns"},
		{"descending", "UNRATE", "observation_date,UNRATE\n2024-02-01,3.9\n2024-01-01,3.7\n", nil, "UNRATE.csv:3: date 2024-01-01 not after 2024-02-01"},
		{"duplicate date", "UNRATE", "observation_date,UNRATE\n2024-01-01,3.7\n2024-01-01,3.7\n", nil, "UNRATE.csv:3: date 2024-01-01 not after"},
		{"order checked on missing rows too", "UNRATE", "observation_date,UNRATE\n2024-02-01,.\n2024-01-01,3.7\n", nil, "UNRATE.csv:3:"},
		{"line number counts blank lines", "UNRATE", "observation_date,UNRATE\n\n2024-01-01,3.7\n2024-02-01,?\n", nil, `UNRATE.csv:4: bad value "?"`},
		{"huge line", "UNRATE", "observation_date,UNRATE\n" + strings.Repeat("9", maxLine+10) + "\n", nil, "UNRATE.csv:2: line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCSV(strings.NewReader(tt.in), tt.id)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want containing %q", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("got %v with an error, want nil", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("obs[%d] = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, name := range []string{"UNRATE-2026-03-observation_date-header.csv", "UNRATE-2022-04-DATE-header.csv"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b[:min(len(b), 600)], "UNRATE")
	}
	f.Add([]byte("observation_date,FEDFUNDS\r\n2024-01-01,.\r\n2024-02-01,5.33\r\n"), "FEDFUNDS")
	f.Add([]byte("\uFEFFDATE,X\n\"2024-01-01\",\"1e308\"\n"), "")
	f.Add([]byte("<html><body>Error</body></html>"), "UNRATE")
	f.Fuzz(func(t *testing.T, data []byte, id string) {
		obs, err := ParseCSV(bytes.NewReader(data), id)
		if err != nil {
			if obs != nil {
				t.Fatalf("observations %v returned with error %v", obs, err)
			}
			return
		}
		for i, o := range obs {
			if o.Value != o.Value { // NaN
				t.Fatalf("obs[%d] is NaN", i)
			}
			if i > 0 && o.Date <= obs[i-1].Date {
				t.Fatalf("obs[%d] %v not after %v", i, o.Date, obs[i-1].Date)
			}
		}
	})
}
