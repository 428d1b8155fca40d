package config

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// maxNodes bounds the work of one parse: every node visited counts, and an
// alias counts again each time it is used, so "billion laughs" documents
// stop early instead of exploding.
const maxNodes = 100_000

// decoder walks a goccy/go-yaml AST against the schema. It works on the AST
// rather than yaml.Unmarshal because Unmarshal stops at the first error,
// has no positions for semantic errors, and silently truncates 1.5 into an
// int; here every problem is recorded with its position and decoding goes
// on.
type decoder struct {
	file    string
	errs    Errors
	anchors map[string]ast.Node
	nodes   int
	after   []func() // checks that need the whole config, run once it is decoded
}

// errorf records an error at n's position. path (the dotted key path) is
// prefixed to the message when not empty.
func (d *decoder) errorf(n ast.Node, path, hint, format string, args ...any) {
	line, col := position(n)
	msg := fmt.Sprintf(format, args...)
	if path != "" {
		msg = path + ": " + msg
	}
	d.errs = append(d.errs, &Error{File: d.file, Line: line, Col: col, Msg: msg, Hint: hint})
}

// position returns where a node starts in the file (0, 0 when unknown). A
// block mapping's own token is its first ':', so it reports its first key.
func position(n ast.Node) (line, col int) {
	switch v := n.(type) {
	case nil:
		return 0, 0
	case *ast.MappingNode:
		if !v.IsFlowStyle && len(v.Values) > 0 {
			return position(v.Values[0])
		}
	case *ast.MappingValueNode:
		if v.Key != nil {
			return position(v.Key)
		}
	}
	t := n.GetToken()
	if t == nil || t.Position == nil {
		return 0, 0
	}
	return t.Position.Line, t.Position.Column
}

// resolve unwraps anchors, tags and aliases. It returns nil for a null
// value, which every field treats as "not set".
func (d *decoder) resolve(n ast.Node) ast.Node {
	for depth := 0; n != nil; depth++ {
		d.nodes++
		if d.nodes > maxNodes || depth > 100 {
			if d.nodes == maxNodes+1 || depth > 100 {
				d.errorf(n, "", "do not nest aliases", "the file expands to too many values")
			}
			return nil
		}
		switch v := n.(type) {
		case *ast.NullNode:
			return nil
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			name := ""
			if v.Value != nil && v.Value.GetToken() != nil {
				name = v.Value.GetToken().Value
			}
			target, ok := d.anchors[name]
			if !ok {
				d.errorf(v, "", "define the anchor (&name) before using it", "unknown alias %s", quote("*"+name))
				return nil
			}
			n = target
		default:
			return n
		}
	}
	return nil
}

// anchorCollector records every anchor in a document, so an alias can
// refer to an anchor under a key the schema does not decode.
type anchorCollector map[string]ast.Node

// Visit implements ast.Visitor.
func (a anchorCollector) Visit(n ast.Node) ast.Visitor {
	if v, ok := n.(*ast.AnchorNode); ok && v.Name != nil && v.Name.GetToken() != nil {
		a[v.Name.GetToken().Value] = v.Value
	}
	return a
}

// kind names a node's type for messages.
func kind(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.StringNode, *ast.LiteralNode:
		return "a string"
	case *ast.IntegerNode:
		return "a whole number"
	case *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "a number"
	case *ast.BoolNode:
		return "true/false"
	default:
		return "a " + n.Type().String()
	}
}

// field is one known key of a mapping and how to decode its (resolved,
// non-null) value.
type field struct {
	name   string
	decode func(v ast.Node)
}

// object decodes a mapping node: known keys go to their field, unknown keys
// are errors. It reports false when n is not a mapping.
func (d *decoder) object(n ast.Node, path string, fields ...field) bool {
	var entries []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		entries = v.Values
	case *ast.MappingValueNode:
		entries = []*ast.MappingValueNode{v}
	default:
		d.errorf(n, path, "write it as key: value lines or {key: value, …}", "must be a mapping, not %s", kind(n))
		return false
	}
	for _, e := range entries {
		if e == nil || e.Key == nil {
			continue
		}
		if _, ok := e.Key.(*ast.MergeKeyNode); ok {
			d.errorf(e.Key, path, "write the keys out in full", "merge keys (<<) are not supported")
			continue
		}
		key := ""
		if t := e.Key.GetToken(); t != nil {
			key = t.Value
		}
		var f *field
		for i := range fields {
			if fields[i].name == key {
				f = &fields[i]
				break
			}
		}
		if f == nil {
			d.errorf(e.Key, path, keyHint(key, fields), "unknown key %s", quote(key))
			continue
		}
		if v := d.resolve(e.Value); v != nil {
			f.decode(v)
		}
	}
	return true
}

// keyHint suggests the known key closest to an unknown one, or lists them.
func keyHint(key string, fields []field) string {
	best, bestDist := "", 3
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
		// Only close matches help: "a" is not a typo of "gap".
		if dist := editDistance(strings.ToLower(key), f.name); dist < bestDist && 2*dist <= len(key) {
			best, bestDist = f.name, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "known keys here: " + strings.Join(names, ", ")
}

// editDistance is the Levenshtein distance between a and b (bytes), capped
// at 3 because only small distances are useful suggestions.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 3
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], 3)
}

// list decodes a sequence, calling each with every entry (resolved). A null
// entry is an error. It reports false when n is not a list.
func (d *decoder) list(n ast.Node, path, example string, each func(e ast.Node)) bool {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		d.errorf(n, path, "write a list, e.g. "+example, "must be a list, not %s", kind(n))
		return false
	}
	for _, raw := range seq.Values {
		if _, null := raw.(*ast.NullNode); null {
			d.errorf(raw, path, "remove the empty entry", "empty list entry")
			continue
		}
		if e := d.resolve(raw); e != nil {
			each(e)
		}
	}
	return true
}

// text returns a scalar's text. Numbers and booleans count as their text as
// written, so a symbol like ON or a name like 2030 needs no quotes.
func (d *decoder) text(n ast.Node, path string) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value != nil {
			return v.Value.Value, true
		}
		return "", true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		if t := n.GetToken(); t != nil {
			return t.Value, true
		}
	}
	d.errorf(n, path, "write one value here", "must be a single value, not %s", kind(n))
	return "", false
}
