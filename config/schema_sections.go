package config

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/whoosh-dev/whoosh/market"
)

func (d *decoder) gap(n ast.Node, dst *Gap) {
	var teslaNode ast.Node
	var incNodes []ast.Node
	d.object(n, "gap",
		field{"tesla", func(v ast.Node) {
			if s, ok := d.symbol(v, "gap.tesla"); ok {
				dst.Tesla, teslaNode = s, v
			}
		}},
		field{"incumbents", func(v ast.Node) {
			syms, nodes, given := d.symbols(v, "gap.incumbents")
			if !given {
				d.errorf(v, "gap.incumbents", "list at least one, e.g. [GM, F]", "no incumbents")
			}
			if len(syms) > 0 {
				dst.Incumbents, incNodes = syms, nodes
			}
		}},
		field{"move_days", func(v ast.Node) {
			if x, ok := d.integer(v, "gap.move_days", 1, maxMoveDays); ok {
				dst.MoveDays = x
			}
		}},
	)
	for i, inc := range dst.Incumbents {
		if inc != dst.Tesla {
			continue
		}
		at, path := teslaNode, "gap.tesla"
		if at == nil && i < len(incNodes) {
			at, path = incNodes[i], "gap.incumbents"
		}
		d.errorf(at, path, "Tesla is compared with the incumbents, so it cannot be one", "%s is both tesla and an incumbent", quote(inc))
	}
}

func (d *decoder) whoosh(n ast.Node, dst *Whoosh) {
	d.object(n, "whoosh",
		field{"lookback_days", func(v ast.Node) {
			if x, ok := d.integer(v, "whoosh.lookback_days", 1, maxTradingN); ok {
				dst.LookbackDays = x
			}
		}},
		field{"corr_days", func(v ast.Node) {
			if x, ok := d.integer(v, "whoosh.corr_days", 2, maxTradingN); ok {
				dst.CorrDays = x
			}
		}},
		field{"weights", func(v ast.Node) { d.weights(v, &dst.Weights) }},
	)
}

func (d *decoder) weights(n ast.Node, dst *market.Weights) {
	const path = "whoosh.weights"
	weight := func(name string, dst *float64) field {
		return field{name, func(v ast.Node) {
			if w, ok := d.number(v, path+"."+name, legRange); ok {
				*dst = w
			}
		}}
	}
	if !d.object(n, path,
		weight("rotation", &dst.Rotation),
		weight("crypto", &dst.Crypto),
		weight("havens", &dst.Havens),
		weight("tesla_drift", &dst.TeslaDrift),
		weight("labor", &dst.Labor),
	) {
		return
	}
	if *dst == (market.Weights{}) {
		d.errorf(n, path, "give at least one leg a weight above 0", "every weight is 0")
	}
}

func (d *decoder) watchlists(n ast.Node) []Watchlist {
	var out []Watchlist
	names := make(map[string]ast.Node)
	i := 0
	d.list(n, "watchlists", "[{name: Robots, symbols: [TSLA, ISRG]}]", func(e ast.Node) {
		path := fmt.Sprintf("watchlists[%d]", i)
		i++
		var w Watchlist
		var nameNode ast.Node
		nameOK, hasSymbols := false, false
		if !d.object(e, path,
			field{"name", func(v ast.Node) {
				w.Name, nameOK = d.name(v, path+".name")
				nameNode = v
			}},
			field{"symbols", func(v ast.Node) {
				w.Symbols, _, hasSymbols = d.symbols(v, path+".symbols")
			}},
		) {
			return
		}
		if nameNode == nil {
			d.errorf(e, path, "write name: …", "watchlist has no name")
		}
		if !hasSymbols {
			d.errorf(e, path, "list at least one symbol: symbols: [SYM, …]", "watchlist has no symbols")
		}
		if nameOK {
			key := strings.ToLower(w.Name)
			if first, dup := names[key]; dup {
				line, col := position(first)
				d.errorf(nameNode, path+".name", fmt.Sprintf("first used at %d:%d; give each watchlist its own name", line, col),
					"duplicate watchlist name %s", quote(w.Name))
				return
			}
			names[key] = nameNode
		}
		if nameOK && len(w.Symbols) > 0 {
			out = append(out, w)
		}
	})
	return out
}

// series decodes FRED series ids (letters, digits and _), upper-cased.
func (d *decoder) series(n ast.Node) []string {
	const path, hint = "macro.series", "a FRED series id is letters, digits and _ (e.g. UNRATE)"
	var out []string
	seen := make(map[string]ast.Node)
	d.list(n, path, "[UNRATE, FEDFUNDS]", func(e ast.Node) {
		s, ok := d.text(e, path)
		if !ok {
			return
		}
		id := strings.ToUpper(strings.TrimSpace(s))
		valid := id != "" && len(id) <= maxSeriesID && !strings.ContainsFunc(id, func(r rune) bool {
			return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
		})
		if !valid {
			d.errorf(e, path, hint, "invalid series id %s", quote(s))
			return
		}
		if first, dup := seen[id]; dup {
			line, col := position(first)
			d.errorf(e, path, fmt.Sprintf("already listed at %d:%d", line, col), "duplicate series %s", quote(id))
			return
		}
		seen[id] = e
		out = append(out, id)
	})
	return out
}
