package config

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/whoosh-dev/whoosh/market"
)

// Limits on the values a config may hold.
const (
	maxNameLen  = 40   // runes in a basket or watchlist name
	maxTradingN = 1260 // trading days in any span (five years)
	maxMoveDays = 252  // trading days in the gap's move test (a year)
	maxSeriesID = 32   // characters in a FRED series id
)

const (
	symbolHint = "a symbol is 1-24 characters: A-Z, 0-9 and . - ^ = (e.g. BRK-B, ^GSPC)"
	sourceHint = "one of auto, yahoo, cache, demo, csv:DIR"
	windowHint = "one of 1D, 1M, 3M, 6M, YTD, 1Y, 2Y, 5Y, ESSAY"
)

// ParseSource checks a data source as written in the config or given to
// --source and returns its canonical form: auto, yahoo, cache, demo (any
// case) or csv:DIR (DIR as written, trimmed).
func ParseSource(s string) (string, error) {
	t := strings.TrimSpace(s)
	switch l := strings.ToLower(t); l {
	case "auto", "yahoo", "cache", "demo":
		return l, nil
	}
	if len(t) >= 4 && strings.EqualFold(t[:4], "csv:") {
		dir := strings.TrimSpace(t[4:])
		if dir != "" && !strings.ContainsFunc(dir, unicode.IsControl) {
			return "csv:" + dir, nil
		}
		return "", errors.New("csv source needs a directory: csv:DIR")
	}
	return "", fmt.Errorf("unknown source %s (want %s)", quote(s), sourceHint)
}

// root decodes the top-level mapping into cfg, which holds the defaults.
func (d *decoder) root(n ast.Node, cfg *Config) {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
	default:
		d.errorf(n, "", "write settings as key: value lines (version, source, window, baskets, …)",
			"the file must be a mapping of settings, not %s", kind(n))
		return
	}
	d.object(n, "",
		field{"version", func(v ast.Node) {
			if x, ok := d.integer(v, "version", math.MinInt32, math.MaxInt32); ok && x != Version {
				d.errorf(v, "version", fmt.Sprintf("this whoosh reads version %d", Version), "unsupported version %d", x)
			}
		}},
		field{"source", func(v ast.Node) {
			if s, ok := d.text(v, "source"); ok {
				src, err := ParseSource(s)
				if err != nil {
					d.errorf(v, "source", sourceHint, "unknown source %s", quote(s))
					return
				}
				cfg.Source = src
			}
		}},
		field{"window", func(v ast.Node) {
			if s, ok := d.text(v, "window"); ok {
				w, err := market.ParseWindow(s)
				if err != nil {
					d.errorf(v, "window", windowHint, "unknown window %s", quote(s))
					return
				}
				cfg.Window = w
			}
		}},
		field{"refresh", func(v ast.Node) {
			if r, ok := d.refresh(v); ok {
				cfg.Refresh = r
			}
		}},
		field{"mouse", func(v ast.Node) {
			if b, ok := v.(*ast.BoolNode); ok {
				cfg.Mouse = b.Value
				return
			}
			d.errorf(v, "mouse", "write true or false", "must be true or false, not %s", kind(v))
		}},
		field{"baskets", func(v ast.Node) { d.baskets(v, &cfg.Baskets) }},
		field{"gap", func(v ast.Node) { d.gap(v, &cfg.Gap) }},
		field{"whoosh", func(v ast.Node) { d.whoosh(v, &cfg.Whoosh) }},
		field{"watchlists", func(v ast.Node) { cfg.Watchlists = d.watchlists(v) }},
		field{"macro", func(v ast.Node) {
			d.object(v, "macro", field{"series", func(v ast.Node) { cfg.Macro.Series = d.series(v) }})
		}},
		field{"alerts", func(v ast.Node) { d.alerts(v, cfg) }},
	)
	for _, check := range d.after {
		check()
	}
}

func (d *decoder) refresh(v ast.Node) (time.Duration, bool) {
	s, ok := d.text(v, "refresh")
	if !ok {
		return 0, false
	}
	r, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		d.errorf(v, "refresh", "a duration such as 60s, 2m or 1m30s", "invalid duration %s", quote(s))
		return 0, false
	}
	if r < MinRefresh {
		d.errorf(v, "refresh", fmt.Sprintf("use %s or more", shortDuration(MinRefresh)), "%s is below the minimum of %s", shortDuration(r), shortDuration(MinRefresh))
		return 0, false
	}
	if r > MaxRefresh {
		d.errorf(v, "refresh", fmt.Sprintf("use %s or less", shortDuration(MaxRefresh)), "%s is above the maximum of %s", shortDuration(r), shortDuration(MaxRefresh))
		return 0, false
	}
	return r, true
}

// shortDuration writes 24h, not 24h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func (d *decoder) baskets(n ast.Node, dst *Baskets) {
	def := Default().Baskets
	d.object(n, "baskets",
		field{"bits", func(v ast.Node) { d.basket(v, "baskets.bits", def.Bits.Name, &dst.Bits) }},
		field{"atoms", func(v ast.Node) { d.basket(v, "baskets.atoms", def.Atoms.Name, &dst.Atoms) }},
		field{"crypto", func(v ast.Node) { d.basket(v, "baskets.crypto", def.Crypto.Name, &dst.Crypto) }},
		field{"havens", func(v ast.Node) { d.basket(v, "baskets.havens", def.Havens.Name, &dst.Havens) }},
		field{"benchmark", func(v ast.Node) {
			if s, ok := d.symbol(v, "baskets.benchmark"); ok {
				dst.Benchmark = s
			}
		}},
	)
}

// basket decodes {name, members} or, as a shorthand, a bare list of
// members. A given basket replaces the default one; only its name is kept
// when the file gives none.
func (d *decoder) basket(n ast.Node, path, defName string, dst *Basket) {
	b := Basket{Name: defName}
	entries := 0
	decodeMembers := func(v ast.Node) {
		b.Members, entries = d.members(v, path+".members")
	}
	if _, ok := n.(*ast.SequenceNode); ok {
		decodeMembers(n)
	} else if !d.object(n, path,
		field{"name", func(v ast.Node) {
			if s, ok := d.name(v, path+".name"); ok {
				b.Name = s
			}
		}},
		field{"members", decodeMembers},
	) {
		return
	}
	if entries == 0 {
		d.errorf(n, path, "list at least one symbol: members: [SYM, …]", "basket has no members")
	}
	*dst = b
}

// members decodes basket members, SYM or {symbol, weight}; it also returns
// how many entries the list had, valid or not.
func (d *decoder) members(n ast.Node, path string) ([]market.Member, int) {
	var out []market.Member
	entries := 0
	seen := make(map[string]ast.Node)
	d.list(n, path, "[NVDA, {symbol: MSFT, weight: 2}]", func(e ast.Node) {
		entries++
		m := market.Member{Weight: 1}
		symNode := e
		switch e.(type) {
		case *ast.MappingNode, *ast.MappingValueNode:
			symNode = nil
			okWeight := true
			d.object(e, path,
				field{"symbol", func(v ast.Node) {
					symNode = v
				}},
				field{"weight", func(v ast.Node) {
					w, ok := d.number(v, path+".weight", weightRange)
					m.Weight, okWeight = w, ok
				}},
			)
			if symNode == nil {
				d.errorf(e, path, "write {symbol: SYM, weight: W}", "member has no symbol")
				return
			}
			if !okWeight {
				d.symbol(symNode, path) // still report a bad symbol
				return
			}
		}
		sym, ok := d.symbol(symNode, path)
		if !ok || d.duplicate(seen, sym, symNode, path) {
			return
		}
		m.Symbol = sym
		out = append(out, m)
	})
	return out, entries
}

// duplicate reports (and records an error) when sym was already seen.
func (d *decoder) duplicate(seen map[string]ast.Node, sym string, n ast.Node, path string) bool {
	if first, dup := seen[sym]; dup {
		line, col := position(first)
		d.errorf(n, path, fmt.Sprintf("already listed at %d:%d; list each symbol once", line, col),
			"duplicate symbol %s", quote(sym))
		return true
	}
	seen[sym] = n
	return false
}

// symbol decodes one symbol: trimmed, upper-cased and checked.
func (d *decoder) symbol(n ast.Node, path string) (string, bool) {
	s, ok := d.text(n, path)
	if !ok {
		return "", false
	}
	sym := market.NormalizeSymbol(s)
	if !market.ValidSymbol(sym) {
		if sym == "" {
			d.errorf(n, path, symbolHint, "empty symbol")
		} else {
			d.errorf(n, path, symbolHint, "invalid symbol %s", quote(s))
		}
		return "", false
	}
	return sym, true
}

// symbols decodes a list of distinct symbols. It returns the nodes too, so
// later checks can point at an entry. It reports whether the list had
// entries at all.
func (d *decoder) symbols(n ast.Node, path string) (syms []string, nodes []ast.Node, given bool) {
	seen := make(map[string]ast.Node)
	d.list(n, path, "[TSLA, ISRG]", func(e ast.Node) {
		given = true
		if sym, ok := d.symbol(e, path); ok && !d.duplicate(seen, sym, e, path) {
			syms = append(syms, sym)
			nodes = append(nodes, e)
		}
	})
	return syms, nodes, given
}

// name decodes a display name: trimmed, non-empty, printable, short.
func (d *decoder) name(n ast.Node, path string) (string, bool) {
	s, ok := d.text(n, path)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		d.errorf(n, path, "give it a short name", "empty name")
	case strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }):
		d.errorf(n, path, "use printable characters only", "name %s contains a control or invisible character", quote(s))
	case utf8.RuneCountInString(s) > maxNameLen:
		d.errorf(n, path, fmt.Sprintf("use at most %d characters", maxNameLen), "name %s is too long", quote(s))
	default:
		return s, true
	}
	return "", false
}
