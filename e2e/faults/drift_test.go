package faults

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// TestQuoteFieldDrift runs the snapshot against a fake Yahoo whose quote
// answer drifts (integers written as floats, `sharesOutstanding:
// 3216000000.0`; every number written as a string) and checks that every
// number of the JSON snapshot is the one a normal answer gives: a drifted
// field must cost nothing, never the quote batch.
func TestQuoteFieldDrift(t *testing.T) {
	fred := fakeFRED(t)
	// One fixed clock for every fake, so the quotes are the same.
	now := time.Date(2025, 6, 30, 22, 0, 0, 0, time.UTC)
	run := func(f *yahootest.Fault) map[string]float64 {
		srv := yahootest.New(t)
		srv.SetNow(func() time.Time { return now })
		if f != nil {
			srv.Always(yahootest.EndpointQuote, *f)
		}
		e := newEnv(t, srv.URL(), fred.URL, smallConfig)
		r := e.snapshot(t, "--source", "yahoo", "--format", "json", "--asof", "2025-06-30")
		checkClean(t, r)
		if r.code != 0 || len(warnings(r.stderr)) > 0 {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
		}
		var doc any
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatalf("snapshot JSON: %v\n%.300s", err, r.stdout)
		}
		nums := map[string]float64{}
		numbers(doc, "", nums)
		return nums
	}
	want := run(nil)
	if _, ok := want["symbols[TSLA].market_cap"]; !ok {
		t.Fatalf("the normal run has no TSLA market cap to compare; numbers: %v", keys(want))
	}
	for name, f := range map[string]yahootest.Fault{
		"ints as floats":     {IntsAsFloats: true},
		"numbers as strings": {NumbersAsStrings: true},
	} {
		t.Run(name, func(t *testing.T) {
			got := run(&f)
			for k, w := range want {
				if g, ok := got[k]; !ok || g != w {
					t.Errorf("%s = %v (present %v), want %v as with a normal answer", k, g, ok, w)
				}
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					t.Errorf("%s present only with the drifted answer", k)
				}
			}
		})
	}
}

// numbers collects the numeric leaves of a decoded JSON document under
// path-like keys, naming array elements by their "symbol" or "id" when
// they have one. Ages and times are left out: they follow the wall clock.
func numbers(v any, path string, out map[string]float64) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if strings.Contains(k, "age") || strings.Contains(k, "time") || strings.Contains(k, "fetched") {
				continue
			}
			numbers(c, path+"."+k, out)
		}
	case []any:
		for i, c := range x {
			key := fmt.Sprint(i)
			if m, ok := c.(map[string]any); ok {
				for _, id := range []string{"symbol", "id", "name"} {
					if s, ok := m[id].(string); ok {
						key = s
						break
					}
				}
			}
			numbers(c, path+"["+key+"]", out)
		}
	case float64:
		out[strings.TrimPrefix(path, ".")] = x
	}
}

func keys(m map[string]float64) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
