package cache

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

func d(s string) market.Date {
	v, err := market.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "whoosh"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOpenCreatesPrivateDir(t *testing.T) {
	s := openTemp(t)
	st, err := os.Stat(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Mode().Perm(); got != 0o700 {
		t.Errorf("cache dir mode = %v, want 0700", got)
	}
}

func TestDefaultDirHonoursEnv(t *testing.T) {
	t.Setenv(EnvDir, "/tmp/somewhere-else")
	got, err := DefaultDir()
	if err != nil || got != "/tmp/somewhere-else" {
		t.Errorf("DefaultDir() = %q, %v; want /tmp/somewhere-else", got, err)
	}
	t.Setenv(EnvDir, "")
	got, err = DefaultDir()
	if err != nil || filepath.Base(got) != "whoosh" {
		t.Errorf("DefaultDir() without env = %q, %v; want .../whoosh", got, err)
	}
}

// TestSaveLoadRoundTripKeepsNaN: a missing adjusted close is kept as null;
// a bar without a close is not a bar and is not written.
func TestSaveLoadRoundTripKeepsNaN(t *testing.T) {
	s := openTemp(t)
	fetched := time.Date(2024, 3, 20, 22, 0, 0, 0, time.UTC)
	in := Entry{
		Symbol: "BRK-B", Provider: "yahoo", Fetched: fetched, From: d("2024-03-18"), To: d("2024-03-20"),
		Bars: []feeds.Bar{
			{Date: d("2024-03-18"), Close: 400.5, AdjClose: 400.25},
			{Date: d("2024-03-19"), Close: math.NaN(), AdjClose: math.NaN()},
			{Date: d("2024-03-20"), Close: 402, AdjClose: math.NaN()},
		},
	}
	if err := s.Save(in); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(filepath.Join(s.Dir(), "history", "BRK-B.json"))
	// Version 2: columns; 2024-03-20 is 2 days after the start; a missing
	// adjusted close is 0 (never a price).
	want := `{"schema_version":2,"symbol":"BRK-B","provider":"yahoo","fetched":"2024-03-20T22:00:00Z",` +
		`"from":"2024-03-18","to":"2024-03-20","start":"2024-03-18","gaps":[0,2],"close":[400.5,402],"adj_close":[400.25,0]}`
	if string(raw) != want {
		t.Errorf("file =\n%s\nwant\n%s", raw, want)
	}
	out, err := s.Load("BRK-B")
	if err != nil {
		t.Fatal(err)
	}
	if !out.Fetched.Equal(fetched) || out.From != in.From || out.To != in.To || out.Provider != "yahoo" || len(out.Bars) != 2 {
		t.Fatalf("Load = %+v", out)
	}
	if out.Bars[0] != in.Bars[0] || !math.IsNaN(out.Bars[1].AdjClose) || out.Bars[1].Close != 402 {
		t.Errorf("bars = %+v", out.Bars)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	good := `{"schema_version":1,"symbol":"AAPL","provider":"yahoo","fetched":"2024-03-20T22:00:00Z","from":"2024-03-18","to":"2024-03-19","bars":[{"date":"2024-03-18","close":1,"adj_close":1},{"date":"2024-03-19","close":2,"adj_close":2}]}`
	tests := []struct {
		name, content string
		wantErr       error
	}{
		{"good", good, nil},
		{"missing", "", ErrNotCached},
		{"empty", "\x00", ErrCorrupt},
		{"truncated", good[:len(good)/2], ErrCorrupt},
		{"not json", "hello", ErrCorrupt},
		{"other schema", `{"schema_version":3,"symbol":"AAPL","bars":[]}`, ErrCorrupt},
		{"v2 good", `{"schema_version":2,"symbol":"AAPL","start":"2024-03-18","gaps":[0,1],"close":[1,2],"adj_close":[1,0]}`, nil},
		{"v2 columns of different lengths", `{"schema_version":2,"symbol":"AAPL","start":"2024-03-18","gaps":[0,1],"close":[1,2],"adj_close":[1]}`, ErrCorrupt},
		{"v2 zero gap", `{"schema_version":2,"symbol":"AAPL","start":"2024-03-18","gaps":[0,0],"close":[1,2],"adj_close":[1,2]}`, ErrCorrupt},
		{"v2 negative close", `{"schema_version":2,"symbol":"AAPL","start":"2024-03-18","gaps":[0,1],"close":[1,-2],"adj_close":[1,2]}`, ErrCorrupt},
		{"v2 bad start", `{"schema_version":2,"symbol":"AAPL","start":"2024-3-18","gaps":[0,1],"close":[1,2],"adj_close":[1,2]}`, ErrCorrupt},
		{"no schema", `{"symbol":"AAPL","bars":[]}`, ErrCorrupt},
		{"other symbol", `{"schema_version":1,"symbol":"MSFT","bars":[]}`, ErrCorrupt},
		{"bad date", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-13-01","close":1,"adj_close":1}]}`, ErrCorrupt},
		{"dates not increasing", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":1,"adj_close":1},{"date":"2024-03-18","close":1,"adj_close":1}]}`, ErrCorrupt},
		{"duplicate date", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":1,"adj_close":1},{"date":"2024-03-19","close":1,"adj_close":1}]}`, ErrCorrupt},
		{"string price", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":"1","adj_close":1}]}`, ErrCorrupt},
		{"zero close", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":0,"adj_close":1}]}`, ErrCorrupt},
		{"negative close", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-18","close":1,"adj_close":1},{"date":"2024-03-19","close":-5,"adj_close":null}]}`, ErrCorrupt},
		{"null close", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":null,"adj_close":1}]}`, ErrCorrupt},
		{"negative adjusted close", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":1,"adj_close":-1}]}`, ErrCorrupt},
		{"overflowing close", `{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":1e400,"adj_close":1}]}`, ErrCorrupt},
		{"bad coverage", `{"schema_version":1,"symbol":"AAPL","from":"x","to":"2024-03-19","bars":[]}`, ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			if tt.content != "" {
				if err := os.WriteFile(filepath.Join(s.Dir(), "history", "AAPL.json"), []byte(tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			e, err := s.Load("AAPL")
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("Load err = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && len(e.Bars) != 2 {
				t.Errorf("good file gave %d bars, want 2", len(e.Bars))
			}
			var ce *CorruptError
			if errors.Is(tt.wantErr, ErrCorrupt) && (!errors.As(err, &ce) || ce.Path == "") {
				t.Errorf("err %v is not a *CorruptError with a path", err)
			}
		})
	}
}

func TestInvalidSymbolNeverBecomesAPath(t *testing.T) {
	s := openTemp(t)
	for _, sym := range []string{"", "../etc/passwd", "..", "a/b", "aapl", "X\x1b[2J"} {
		if _, err := s.Load(sym); err == nil || errors.Is(err, ErrNotCached) {
			t.Errorf("Load(%q) err = %v, want invalid symbol", sym, err)
		}
		if err := s.Save(Entry{Symbol: sym}); err == nil {
			t.Errorf("Save(%q) succeeded", sym)
		}
		if _, err := s.Merge(sym, "x", time.Now(), 0, 0, nil); err == nil {
			t.Errorf("Merge(%q) succeeded", sym)
		}
	}
}

func TestLeftoverTempFileIsIgnored(t *testing.T) {
	// A crash between CreateTemp and Rename leaves a temp file beside the
	// real one. It must neither be read nor disturb the real file.
	s := openTemp(t)
	e := Entry{Symbol: "AAPL", Provider: "yahoo", Fetched: time.Unix(1e9, 0), From: d("2024-03-18"), To: d("2024-03-18"),
		Bars: []feeds.Bar{{Date: d("2024-03-18"), Close: 1, AdjClose: 1}}}
	if err := s.Save(e); err != nil {
		t.Fatal(err)
	}
	hist := filepath.Join(s.Dir(), "history")
	half := filepath.Join(hist, tempPrefix+"AAPL.json-123456")
	if err := os.WriteFile(half, []byte(`{"schema_version":1,"symbol":"AA`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("AAPL")
	if err != nil || len(got.Bars) != 1 || got.Bars[0].Close != 1 {
		t.Fatalf("Load = %+v, %v; want the saved bar", got, err)
	}
	// Reopening removes temp files older than an hour, not fresh ones.
	if _, err := Open(s.Dir()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(half); err != nil {
		t.Errorf("fresh temp file removed: %v", err)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(half, old, old)
	if _, err := Open(s.Dir()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(half); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temp file still there: %v", err)
	}
}

func TestMergeReplacesRevisedBars(t *testing.T) {
	bar := func(date string, c float64) feeds.Bar { return feeds.Bar{Date: d(date), Close: c, AdjClose: c} }
	tests := []struct {
		name     string
		old      []feeds.Bar
		fetched  []feeds.Bar
		want     []float64 // closes in date order
		wantFrom string
	}{
		{"into empty", nil, []feeds.Bar{bar("2024-03-18", 1), bar("2024-03-19", 2)}, []float64{1, 2}, "2024-03-15"},
		{"revised overlap and new tail",
			[]feeds.Bar{bar("2024-03-14", 1), bar("2024-03-15", 2), bar("2024-03-18", 3)},
			[]feeds.Bar{bar("2024-03-15", 20), bar("2024-03-18", 30), bar("2024-03-19", 40)},
			// 14 kept (1), 15 and 18 revised (20, 30), 19 new (40)
			[]float64{1, 20, 30, 40}, "2024-03-01"},
		{"unsorted duplicates: last one wins",
			[]feeds.Bar{bar("2024-03-14", 1)},
			[]feeds.Bar{bar("2024-03-19", 9), bar("2024-03-18", 7), bar("2024-03-19", 8)},
			[]float64{1, 7, 8}, "2024-03-01"},
		{"fetch gap in the middle keeps old bar",
			[]feeds.Bar{bar("2024-03-14", 1), bar("2024-03-15", 2)},
			[]feeds.Bar{bar("2024-03-14", 10)},
			[]float64{10, 2}, "2024-03-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			if tt.old != nil {
				if err := s.Save(Entry{Symbol: "X", From: d("2024-03-01"), To: d("2024-03-18"), Bars: tt.old}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.Merge("X", "yahoo", time.Unix(2e9, 0), d("2024-03-15"), d("2024-03-19"), tt.fetched)
			if err != nil {
				t.Fatal(err)
			}
			reloaded, err := s.Load("X")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range []Entry{got, reloaded} {
				if len(e.Bars) != len(tt.want) {
					t.Fatalf("bars = %+v, want closes %v", e.Bars, tt.want)
				}
				for i, w := range tt.want {
					if e.Bars[i].Close != w {
						t.Errorf("bar %d close = %v, want %v", i, e.Bars[i].Close, w)
					}
				}
				if e.From != d(tt.wantFrom) || e.To != d("2024-03-19") || e.Provider != "yahoo" {
					t.Errorf("coverage %s..%s provider %q, want %s..2024-03-19 yahoo", e.From, e.To, e.Provider, tt.wantFrom)
				}
			}
		})
	}
}

// TestMergeDropsNonPrices: whatever a provider sends, a bar whose close is
// not a positive finite number never reaches the cache.
func TestMergeDropsNonPrices(t *testing.T) {
	s := openTemp(t)
	nan := math.NaN()
	bars := []feeds.Bar{
		{Date: d("2024-03-18"), Close: 10, AdjClose: 9},
		{Date: d("2024-03-19"), Close: -5, AdjClose: nan},
		{Date: d("2024-03-20"), Close: 0, AdjClose: 0},
		{Date: d("2024-03-21"), Close: nan, AdjClose: 3},
		{Date: d("2024-03-22"), Close: math.Inf(1), AdjClose: nan},
		{Date: d("2024-03-25"), Close: 12, AdjClose: -1},
		{Date: d("2024-03-26"), Close: 13, AdjClose: nan},
	}
	e, err := s.Merge("AAPL", "fake", time.Now(), d("2024-03-18"), d("2024-03-26"), bars)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := s.Load("AAPL")
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range [][]feeds.Bar{e.Bars, loaded.Bars} {
		if len(got) != 2 || got[0].Close != 10 || got[1].Close != 13 {
			t.Errorf("bars %+v, want only the 18th and the 26th", got)
		}
	}
}

func TestMergeOverCorruptFileWarnsAndRewrites(t *testing.T) {
	s := openTemp(t)
	path := filepath.Join(s.Dir(), "history", "X.json")
	os.WriteFile(path, []byte(`{"schema_version":1,"sym`), 0o600)
	e, err := s.Merge("X", "yahoo", time.Unix(2e9, 0), d("2024-03-18"), d("2024-03-18"), []feeds.Bar{{Date: d("2024-03-18"), Close: 5, AdjClose: 5}})
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("Merge err = %v, want the corrupt-file warning", err)
	}
	if len(e.Bars) != 1 {
		t.Errorf("merged = %+v", e)
	}
	if got, err := s.Load("X"); err != nil || len(got.Bars) != 1 || got.Bars[0].Close != 5 {
		t.Errorf("after rewrite Load = %+v, %v", got, err)
	}
}

func TestBlobRoundTripAndNames(t *testing.T) {
	s := openTemp(t)
	type obs struct {
		Date  string
		Value float64
	}
	in := []obs{{"2024-01-01", 3.7}, {"2024-02-01", 3.9}}
	saved := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	if err := s.SaveBlob("fred-UNRATE", saved, in); err != nil {
		t.Fatal(err)
	}
	var out []obs
	at, err := s.LoadBlob("fred-UNRATE", &out)
	if err != nil || !at.Equal(saved) || len(out) != 2 || out[1].Value != 3.9 {
		t.Errorf("LoadBlob = %v, %v, %v", out, at, err)
	}
	if _, err := s.LoadBlob("nothing", &out); !errors.Is(err, ErrNotCached) {
		t.Errorf("missing blob err = %v, want ErrNotCached", err)
	}
	var wrong map[string]int
	if _, err := s.LoadBlob("fred-UNRATE", &wrong); !errors.Is(err, ErrCorrupt) {
		t.Errorf("wrong shape err = %v, want ErrCorrupt", err)
	}
	for _, name := range []string{"", ".hidden", "a/b", "../x", "a b", string(make([]byte, 65))} {
		if err := s.SaveBlob(name, saved, 1); err == nil {
			t.Errorf("SaveBlob(%q) succeeded", name)
		}
	}
}

func TestQuotesSavedAndLoaded(t *testing.T) {
	s := openTemp(t)
	at := time.Date(2024, 3, 20, 20, 0, 0, 0, time.UTC)
	qs := []feeds.Quote{
		{Symbol: "TSLA", Name: "Tesla", Price: 175, MarketCap: 5.6e11, SharesOutstanding: 3.2e9, Change: math.NaN(),
			ChangePct: 1, PrevClose: 170, MarketState: "CLOSED", Time: at, Origin: feeds.Origin{Kind: feeds.KindDelayed, Provider: "yahoo", Fetched: at}},
		{Symbol: "BAD", Err: errors.New("unknown")},
	}
	if err := s.SaveQuotes(qs); err != nil {
		t.Fatal(err)
	}
	// A second save of another symbol keeps TSLA.
	if err := s.SaveQuotes([]feeds.Quote{{Symbol: "GM", Price: 40, Origin: feeds.Origin{Provider: "yahoo", Fetched: at}}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadQuotes([]string{"TSLA", "GM", "BAD", "F"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("LoadQuotes = %v, want TSLA and GM", got)
	}
	q := got["TSLA"]
	if q.MarketCap != 5.6e11 || q.SharesOutstanding != 3.2e9 || q.Name != "Tesla" || !math.IsNaN(q.Change) || !q.Time.Equal(at) {
		t.Errorf("TSLA = %+v", q)
	}
	if q.Origin.Kind != feeds.KindCached || q.Origin.Provider != "yahoo" || !q.Origin.Fetched.Equal(at) {
		t.Errorf("TSLA origin = %+v, want CACHED yahoo at %v", q.Origin, at)
	}
}
