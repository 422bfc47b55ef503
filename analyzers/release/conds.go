package release

import (
	"go/ast"
	"go/token"
	"go/types"
)

// facts is what a path has learnt of the body's stable conditions: bit i of
// set says condition variable i is known, bit i of val its value.
type facts struct{ set, val uint64 }

// condTable indexes a body's stable condition variables: boolean locals
// (parameters included) that are assigned once, where they are declared,
// and never written through their address or by a function literal, and
// that some if or for statement tests. A path that has taken the branch
// of `if useTx` where useTx holds takes that branch again at the next
// `if useTx`: the branches are correlated, not independent.
type condTable struct {
	info  *types.Info
	index map[*types.Var]int
	defs  map[ast.Node][]int // statements that (re)define a variable
}

func (st *state) stableConds(b *body) *condTable {
	if b.conds != nil {
		return b.conds
	}
	info := st.pass.TypesInfo
	t := &condTable{info: info, index: map[*types.Var]int{}, defs: map[ast.Node][]int{}}
	b.conds = t
	// Candidates: idents tested by conditions.
	cands := map[*types.Var]bool{}
	var collect func(e ast.Expr)
	collect = func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Uses[e].(*types.Var); ok && isBool(v.Type()) && !v.IsField() {
				cands[v] = true
			}
		case *ast.UnaryExpr:
			if e.Op == token.NOT {
				collect(e.X)
			}
		case *ast.BinaryExpr:
			if e.Op == token.LAND || e.Op == token.LOR {
				collect(e.X)
				collect(e.Y)
			}
		}
	}
	ast.Inspect(b.block, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			collect(n.Cond)
		case *ast.ForStmt:
			if n.Cond != nil {
				collect(n.Cond)
			}
		}
		return true
	})
	if len(cands) == 0 {
		return t
	}
	// Count the writes of each candidate in the whole declaration, function
	// literals included.
	writes := map[*types.Var]int{}
	defNode := map[*types.Var]ast.Node{}
	bad := map[*types.Var]bool{}
	note := func(e ast.Expr, n ast.Node) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return
		}
		v, ok := info.ObjectOf(id).(*types.Var)
		if !ok || !cands[v] {
			return
		}
		writes[v]++
		defNode[v] = n
	}
	root := ast.Node(b.block)
	if b.decl != nil {
		root = b.decl.Body
	}
	ast.PreorderStack(root, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				note(l, n)
			}
			if inLit(stack) {
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok {
						if v, ok := info.ObjectOf(id).(*types.Var); ok {
							bad[v] = true
						}
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				note(id, n)
			}
		case *ast.IncDecStmt:
			note(n.X, n)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						bad[v] = true
					}
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil {
				note(n.Key, n)
			}
			if n.Value != nil {
				note(n.Value, n)
			}
		}
		return true
	})
	for v := range cands {
		if bad[v] || len(t.index) == 64 {
			continue
		}
		switch {
		case writes[v] == 0 && isParam(v, b):
		case writes[v] == 1:
			if _, isRange := defNode[v].(*ast.RangeStmt); isRange {
				continue
			}
		default:
			continue
		}
		i := len(t.index)
		t.index[v] = i
		if n := defNode[v]; n != nil {
			t.defs[n] = append(t.defs[n], i)
		}
	}
	return t
}

func inLit(stack []ast.Node) bool {
	for _, n := range stack {
		if _, ok := n.(*ast.FuncLit); ok {
			return true
		}
	}
	return false
}

func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// isParam reports whether v is a parameter of the body's function.
func isParam(v *types.Var, b *body) bool {
	return b.ftype != nil && b.ftype.Params != nil && v.Pos() >= b.ftype.Params.Pos() && v.Pos() < b.ftype.Params.End()
}

// around returns what holds where the acquisition stands: the conditions
// of the if statements it lies in.
func (t *condTable) around(stack []ast.Node) facts {
	var f facts
	if len(t.index) == 0 {
		return f
	}
	for i := 0; i+1 < len(stack); i++ {
		ifs, ok := stack[i].(*ast.IfStmt)
		if !ok {
			continue
		}
		switch stack[i+1] {
		case ifs.Body:
			f = t.learn(ifs.Cond, true, f)
		case ifs.Else:
			f = t.learn(ifs.Cond, false, f)
		}
	}
	return f
}

// forget drops what the path knew of the variables n (re)defines.
func (t *condTable) forget(n ast.Node, f facts) facts {
	for _, i := range t.defs[n] {
		f.set &^= 1 << i
		f.val &^= 1 << i
	}
	return f
}

func (t *condTable) varOf(e ast.Expr) (int, bool) {
	id, ok := e.(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := t.info.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	i, ok := t.index[v]
	return i, ok
}

// eval returns the value of cond under f, when f decides it.
func (t *condTable) eval(cond ast.Expr, f facts) (bool, bool) {
	if len(t.index) == 0 {
		return false, false
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.Ident:
		if i, ok := t.varOf(e); ok && f.set&(1<<i) != 0 {
			return f.val&(1<<i) != 0, true
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			v, ok := t.eval(e.X, f)
			return !v, ok
		}
	case *ast.BinaryExpr:
		x, xok := t.eval(e.X, f)
		y, yok := t.eval(e.Y, f)
		switch e.Op {
		case token.LAND:
			if xok && !x || yok && !y {
				return false, true
			}
			if xok && yok {
				return true, true
			}
		case token.LOR:
			if xok && x || yok && y {
				return true, true
			}
			if xok && yok {
				return false, true
			}
		}
	}
	return false, false
}

// learn returns f with what cond having value val teaches.
func (t *condTable) learn(cond ast.Expr, val bool, f facts) facts {
	if len(t.index) == 0 {
		return f
	}
	switch e := ast.Unparen(cond).(type) {
	case *ast.Ident:
		if i, ok := t.varOf(e); ok {
			f.set |= 1 << i
			if val {
				f.val |= 1 << i
			} else {
				f.val &^= 1 << i
			}
		}
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			return t.learn(e.X, !val, f)
		}
	case *ast.BinaryExpr:
		if e.Op == token.LAND && val || e.Op == token.LOR && !val {
			return t.learn(e.Y, val, t.learn(e.X, val, f))
		}
	}
	return f
}
