package pools

import (
	"fmt"

	"github.com/connlint/connlint/analyzers/jsts"
)

// paramDep: a factory's construction takes its maximum from one of the
// factory's parameters (max: options.max ?? 5, max: size): each call's
// argument gives it.
type paramDep struct {
	index  int      // the parameter's position
	path   []string // the property read from it (options.max: [max])
	def    int      // the default after ?? or ||
	hasDef bool
	what   string // the option, for the explanation
}

// argVal is what a factory call passes at one position: a number, or an
// object literal's numeric properties (one level, as options are written).
type argVal struct {
	absent bool
	num    *int
	props  map[string]*int // a property present but not a known number: nil
	text   string
}

// paramDepOf reads an option's value written from a parameter of the
// function the construction sits in: p, p ?? 5, p.max ?? 5, p.max || 5.
func paramDepOf(ev *jsEval, v int32, what string) *paramDep {
	f := ev.f
	v = f.Unwrap(v)
	if v < 0 {
		return nil
	}
	d := &paramDep{what: what}
	if f.K(v) == jsts.KBinaryExpression {
		if op := binOp(f, v); op != "??" && op != "||" {
			return nil
		}
		r := ev.num(f.Field(v, jsts.FRight))
		if r.state != Known || r.env != "" {
			return nil
		}
		d.def, d.hasDef = r.n, true
		v = f.Unwrap(f.Field(v, jsts.FLeft))
	}
	for v >= 0 && f.K(v) == jsts.KMemberExpression {
		p := f.Field(v, jsts.FProperty)
		if p < 0 {
			return nil
		}
		d.path = append([]string{f.Text(p)}, d.path...)
		v = f.Unwrap(f.Field(v, jsts.FObject))
	}
	if v < 0 || f.K(v) != jsts.KIdentifier || len(d.path) > 1 {
		return nil
	}
	b := f.Lookup(v)
	if b == nil || b.Kind != jsts.BParam || len(b.Path) > 0 {
		return nil
	}
	d.index = paramIndex(f, b.Decl)
	if d.index < 0 {
		return nil
	}
	return d
}

// paramIndex is the position of a parameter (its identifier node) in its
// function's parameter list, or -1.
func paramIndex(f *jsts.File, id int32) int {
	child := id
	for p := f.N[id].Parent; p >= 0; child, p = p, f.N[p].Parent {
		if f.K(p) != jsts.KFormalParameters {
			continue
		}
		for i, c := range f.NamedChildren(p) {
			if c == child {
				return i
			}
		}
		return -1
	}
	return -1
}

// callArgs evaluates a factory call's arguments in the caller's file.
func callArgs(ev *jsEval, call int32) []argVal {
	f := ev.f
	var out []argVal
	for _, a := range ev.args(call) {
		av := argVal{text: shortText(f.Text(a))}
		if n := ev.num(a); n.state == Known && n.env == "" {
			x := n.n
			av.num = &x
		} else if obj := ev.object(a); obj >= 0 {
			av.props = map[string]*int{}
			for _, c := range f.NamedChildren(obj) {
				if f.K(c) != jsts.KPair {
					continue
				}
				k := f.Field(c, jsts.FKey)
				if k < 0 {
					continue
				}
				var vp *int
				if n := ev.num(f.Field(c, jsts.FValue)); n.state == Known && n.env == "" {
					x := n.n
					vp = &x
				}
				av.props[keyText(f, k)] = vp
			}
		}
		out = append(out, av)
	}
	return out
}

// fromCall is the maximum one call gives: ok false when it cannot be told.
func (d *paramDep) fromCall(args []argVal) (n int, how string, ok bool) {
	if d.index >= len(args) {
		if d.hasDef {
			return d.def, fmt.Sprintf("no argument: the default %d", d.def), true
		}
		return 0, "no argument", false
	}
	a := args[d.index]
	if len(d.path) == 0 {
		if a.num != nil {
			return *a.num, fmt.Sprintf("%d passed", *a.num), true
		}
		return 0, a.text + " passed", false
	}
	if a.props == nil {
		return 0, a.text + " passed", false
	}
	v, present := a.props[d.path[0]]
	switch {
	case !present && d.hasDef:
		return d.def, fmt.Sprintf("%s not passed: the default %d", d.path[0], d.def), true
	case !present:
		return 0, d.path[0] + " not passed", false
	case v != nil:
		return *v, fmt.Sprintf("%s: %d passed", d.path[0], *v), true
	}
	return 0, d.path[0] + " passed as an expression not followed", false
}
