package cache

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

// TestQuotesExtendedHours: a post-market trade survives the cache, and a
// quotes file written before whoosh kept extended hours (no "pre"/"post"
// members) still reads, with neither trade.
func TestQuotesExtendedHours(t *testing.T) {
	s := openTemp(t)
	regular := time.Date(2025, 2, 14, 21, 0, 0, 0, time.UTC)
	post := feeds.Extended{Price: 244.64, Change: 0.04, ChangePct: 0.0163505, Time: regular.Add(4 * time.Hour)}
	q := feeds.BlankQuote("AAPL")
	q.Price, q.Time, q.Post = 244.6, regular, post
	q.Origin = feeds.Origin{Kind: feeds.KindLive, Provider: "yahoo", Fetched: regular}
	if err := s.SaveQuotes([]feeds.Quote{q}); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadQuotes([]string{"AAPL"})
	if err != nil {
		t.Fatal(err)
	}
	g := got["AAPL"]
	if g.Post.Price != 244.64 || g.Post.Change != 0.04 || g.Post.ChangePct != 0.0163505 || !g.Post.Time.Equal(post.Time) {
		t.Errorf("post = %+v, want %+v", g.Post, post)
	}
	if g.Pre.Known() || !math.IsNaN(g.Pre.Price) {
		t.Errorf("pre = %+v, want none (NaN)", g.Pre)
	}
	if g.Price != 244.6 {
		t.Errorf("price = %v, want the regular 244.6", g.Price)
	}

	old := fmt.Sprintf(`{"schema_version":%d,"quotes":{"GM":{"name":"GM","currency":"USD","price":40,"change":null,`+
		`"change_pct":null,"prev_close":null,"market_cap":null,"shares_outstanding":null,"market_state":"CLOSED",`+
		`"time":"2025-02-14T21:00:00Z","provider":"yahoo","fetched":"2025-02-14T21:00:00Z"}}}`, SchemaVersion)
	if err := os.WriteFile(filepath.Join(s.Dir(), quotesFile), []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = s.LoadQuotes([]string{"GM"})
	if err != nil {
		t.Fatal(err)
	}
	if g := got["GM"]; g.Price != 40 || g.Currency != "USD" || g.Pre.Known() || g.Post.Known() {
		t.Errorf("old file GM = %+v, want price 40 USD and no extended trades", g)
	}
	if _, _, ok := got["GM"].ExtendedHours(); ok {
		t.Error("old file GM shows an extended-hours trade")
	}
}
