package yahoo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	finance "github.com/piquette/finance-go"
)

// finance-go decodes Yahoo's JSON into typed structs: one drifted field
// (3220000000.0 for an int, "412.5" for a float, {"raw":…}) fails the whole
// quote batch or chart, and a short indicator array makes it panic. So the
// Yahoo layer rewrites every quote and chart body that passed check into
// exactly what finance-go's structs read, before finance-go sees it:
//   - each number is read by num (the one lenient parser) and written back
//     as the field expects (an integer where finance-go has an int); one
//     that is not a number is dropped, and finance-go reads 0, which the
//     conversion to feeds types treats as missing;
//   - a string or bool field of another type is dropped;
//   - fields finance-go does not read are dropped;
//   - a chart's arrays are checked to have one length (else errShortArrays)
//     and the arrays whoosh does not read (open, high, low, volume) are
//     sent as nulls of that length, so finance-go indexes them safely.

// errShortArrays is wrapped when a chart's arrays disagree in length:
// pairing them up would date prices wrongly or drop part of the history,
// so the symbol's answer is refused as a whole.
var errShortArrays = errors.New("chart arrays of different lengths")

type fieldKind uint8

const (
	kindString fieldKind = iota + 1
	kindBool
	kindInt
	kindFloat
)

// equityJSON and chartMetaJSON describe the JSON members finance-go's structs
// read (see fields).
var (
	equityJSON    = newFields(reflect.TypeFor[finance.Equity]())
	chartMetaJSON = newFields(reflect.TypeFor[finance.ChartMeta]())
)

// fields lists a finance-go struct's scalar members by JSON name and kind,
// with raw, a struct type of one json.RawMessage per member: decoding into
// it skips the members finance-go does not read without keeping them.
type fields struct {
	names []string
	kinds []fieldKind
	raw   reflect.Type
}

func newFields(t reflect.Type) *fields {
	f := &fields{}
	seen := map[string]bool{}
	var sf []reflect.StructField
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			fd := t.Field(i)
			if fd.Anonymous && fd.Type.Kind() == reflect.Struct {
				walk(fd.Type)
				continue
			}
			name, _, _ := strings.Cut(fd.Tag.Get("json"), ",")
			if !fd.IsExported() || name == "" || name == "-" || seen[name] {
				continue
			}
			var k fieldKind
			switch fd.Type.Kind() {
			case reflect.String:
				k = kindString
			case reflect.Bool:
				k = kindBool
			case reflect.Int, reflect.Int64:
				k = kindInt
			case reflect.Float64:
				k = kindFloat
			default:
				continue // nested structs and slices: whoosh reads none
			}
			seen[name] = true
			f.names, f.kinds = append(f.names, name), append(f.kinds, k)
			sf = append(sf, reflect.StructField{Name: fmt.Sprintf("F%d", len(sf)),
				Type: reflect.TypeFor[json.RawMessage](), Tag: reflect.StructTag(`json:"` + name + `"`)})
		}
	}
	walk(t)
	f.raw = reflect.StructOf(sf)
	return f
}

// decode reads a JSON object into raw members; ok is false when b is not
// an object.
func (f *fields) decode(b []byte) (members reflect.Value, ok bool) {
	v := reflect.New(f.raw)
	if len(b) == 0 || b[0] != '{' || json.Unmarshal(b, v.Interface()) != nil {
		return v.Elem(), false
	}
	return v.Elem(), true
}

// maxExactInt bounds the integers written for int fields: beyond 2^53 a
// float64 no longer holds every integer, and no real count gets there.
const maxExactInt = 1 << 53

// appendNum appends raw as a number of kind k and reports whether it could.
func appendNum(buf []byte, raw []byte, k fieldKind) ([]byte, bool) {
	v, ok := parseNum(raw, 0)
	if !ok {
		return buf, false
	}
	if k == kindInt {
		v = math.Round(v)
		if math.Abs(v) >= maxExactInt {
			return buf, false
		}
		return strconv.AppendInt(buf, int64(v), 10), true
	}
	return strconv.AppendFloat(buf, v, 'g', -1, 64), true
}

// member returns the raw member name of members (nil when absent).
func (f *fields) member(members reflect.Value, name string) []byte {
	if i := slices.Index(f.names, name); i >= 0 {
		return members.Field(i).Bytes()
	}
	return nil
}

// appendObject appends the members f knows (decoded by f.decode), each
// as its field expects; the others are dropped.
func (f *fields) appendObject(buf []byte, members reflect.Value) []byte {
	buf = append(buf, '{')
	first := true
	for i, name := range f.names {
		raw := members.Field(i).Bytes()
		if len(raw) == 0 {
			continue
		}
		mark := len(buf)
		if !first {
			buf = append(buf, ',')
		}
		buf = strconv.AppendQuote(buf, name)
		buf = append(buf, ':')
		ok := false
		switch k := f.kinds[i]; k {
		case kindString:
			// raw is valid JSON (json.Unmarshal checked it), so a
			// leading quote means a whole string.
			ok = raw[0] == '"'
			buf = append(buf, raw...)
		case kindBool:
			s := string(raw)
			ok = s == "true" || s == "false"
			buf = append(buf, raw...)
		default:
			buf, ok = appendNum(buf, raw, k)
		}
		if !ok {
			buf = buf[:mark]
			continue
		}
		first = false
	}
	return append(buf, '}')
}

// normalizeQuotes rewrites a quote answer for finance-go's equity decoder.
// A result that is not an object or has no symbol is dropped: it costs
// itself, never the batch.
func normalizeQuotes(body []byte) ([]byte, error) {
	var top struct {
		QuoteResponse struct {
			Result []json.RawMessage `json:"result"`
		} `json:"quoteResponse"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("%w: quote: %v", ErrBadResponse, err)
	}
	buf := make([]byte, 0, len(body))
	buf = append(buf, `{"quoteResponse":{"result":[`...)
	n := 0
	for _, raw := range top.QuoteResponse.Result {
		members, ok := equityJSON.decode(raw)
		var sym string
		if !ok || json.Unmarshal(equityJSON.member(members, "symbol"), &sym) != nil || sym == "" {
			continue
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = equityJSON.appendObject(buf, members)
		n++
	}
	return append(buf, `],"error":null}}`...), nil
}

// normalizeChart rewrites a chart answer for finance-go's chart decoder,
// refusing one that finance-go would misread or panic on: no result,
// timestamps without prices, arrays of different lengths.
func normalizeChart(body []byte) ([]byte, error) {
	var top struct {
		Chart struct {
			Result []struct {
				Meta       json.RawMessage `json:"meta"`
				Timestamp  []num           `json:"timestamp"`
				Indicators *struct {
					Quote []struct {
						Close []num `json:"close"`
					} `json:"quote"`
					Adjclose []struct {
						Adjclose []num `json:"adjclose"`
					} `json:"adjclose"`
				} `json:"indicators"`
			} `json:"result"`
		} `json:"chart"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("%w: chart: %v", ErrBadResponse, err)
	}
	if len(top.Chart.Result) == 0 {
		return nil, fmt.Errorf("%w: chart: empty result", ErrBadResponse)
	}
	r := top.Chart.Result[0]
	n := len(r.Timestamp)
	var closes, adj []num
	if n > 0 {
		if r.Indicators == nil || len(r.Indicators.Quote) == 0 {
			return nil, fmt.Errorf("%w: chart: %d timestamps and no prices", ErrBadResponse, n)
		}
		closes = r.Indicators.Quote[0].Close
		if len(r.Indicators.Adjclose) > 0 {
			adj = r.Indicators.Adjclose[0].Adjclose
		}
		if len(closes) != n || (adj != nil && len(adj) != n) {
			return nil, fmt.Errorf("%w: chart: %w: %d timestamps, %d closes, %d adjusted closes",
				ErrBadResponse, errShortArrays, n, len(closes), len(adj))
		}
	}
	meta, _ := chartMetaJSON.decode(r.Meta) // a meta of another shape costs the zone only

	buf := make([]byte, 0, 64+n*48)
	buf = append(buf, `{"chart":{"result":[{"meta":`...)
	buf = chartMetaJSON.appendObject(buf, meta)
	buf = append(buf, `,"timestamp":`...)
	buf = appendNums(buf, r.Timestamp, kindInt)
	nulls := appendNulls(nil, n)
	buf = append(buf, `,"indicators":{"quote":[{"open":`...)
	buf = append(buf, nulls...)
	buf = append(buf, `,"high":`...)
	buf = append(buf, nulls...)
	buf = append(buf, `,"low":`...)
	buf = append(buf, nulls...)
	buf = append(buf, `,"volume":`...)
	buf = append(buf, nulls...)
	buf = append(buf, `,"close":`...)
	buf = appendNums(buf, closes, kindFloat)
	buf = append(buf, '}', ']')
	if adj != nil {
		buf = append(buf, `,"adjclose":[{"adjclose":`...)
		buf = appendNums(buf, adj, kindFloat)
		buf = append(buf, '}', ']')
	}
	return append(buf, `}}],"error":null}}`...), nil
}

// appendNums appends ns as a JSON array of kind k, null where a number is
// missing or out of range. (Timestamps are ints in finance-go.)
func appendNums(buf []byte, ns []num, k fieldKind) []byte {
	buf = append(buf, '[')
	for i, x := range ns {
		if i > 0 {
			buf = append(buf, ',')
		}
		v := x.Float()
		switch {
		case math.IsNaN(v), k == kindInt && !(math.Abs(v) < maxExactInt):
			buf = append(buf, "null"...)
		case k == kindInt:
			buf = strconv.AppendInt(buf, int64(math.Round(v)), 10)
		default:
			buf = strconv.AppendFloat(buf, v, 'g', -1, 64)
		}
	}
	return append(buf, ']')
}

func appendNulls(buf []byte, n int) []byte {
	buf = append(buf, '[')
	for i := range n {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "null"...)
	}
	return append(buf, ']')
}
