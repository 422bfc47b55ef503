// Package astx holds the small syntax questions both Go analyzers ask:
// which loop or function encloses a node, and what an assignment pairs.
package astx

import (
	"go/ast"
	"go/token"
)

// LoopBody is the body of a for or range loop (an empty block otherwise).
func LoopBody(loop ast.Node) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.ForStmt:
		return l.Body
	case *ast.RangeStmt:
		return l.Body
	}
	return &ast.BlockStmt{}
}

// FuncBody is the body of a function declaration or literal (an empty
// block otherwise, e.g. a declaration without body).
func FuncBody(fn ast.Node) *ast.BlockStmt {
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncLit:
		body = f.Body
	case *ast.FuncDecl:
		body = f.Body
	}
	if body == nil {
		return &ast.BlockStmt{}
	}
	return body
}

// EnclosingLoop returns the loop whose body holds the node at the top of
// stack (a path from the file down to the node), without crossing a
// function boundary: a loop around a function literal does not repeat
// what the literal's body does when it runs.
func EnclosingLoop(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i > 0; i-- {
		switch l := stack[i-1].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.ForStmt:
			if stack[i] == l.Body {
				return l
			}
		case *ast.RangeStmt:
			if stack[i] == l.Body {
				return l
			}
		}
	}
	return nil
}

// InnermostFunc returns the innermost function declaration or literal on
// the stack.
func InnermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return stack[i]
		}
	}
	return nil
}

// Assignment returns the two sides of an assignment or a var spec; ok is
// false for any other node.
func Assignment(n ast.Node) (lhs, rhs []ast.Expr, ok bool) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs, true
	case *ast.ValueSpec:
		for _, id := range n.Names {
			lhs = append(lhs, id)
		}
		return lhs, n.Values, true
	}
	return nil, nil, false
}

// PackageFuncLit is a function literal at package level, in a variable's
// initializer and outside any function: a handler kept in a variable
// (var h http.HandlerFunc = func(w, r) {...}), a route table's entries.
type PackageFuncLit struct {
	Lit   *ast.FuncLit
	Stack []ast.Node // its ancestors, from the GenDecl down
	Name  string     // the variable it initialises ("" when not one's whole value)
	// Once: the literal is called where it stands (var x = func() T {...}()),
	// so it runs once, at package initialisation, like init.
	Once bool
}

// PackageFuncLits lists the outermost function literals of f's package-level
// variable declarations, in source order. The literals nested in them are
// not listed: they lie in the body of one that is.
func PackageFuncLits(f *ast.File) []PackageFuncLit {
	var out []PackageFuncLit
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		ast.PreorderStack(gd, nil, func(n ast.Node, stack []ast.Node) bool {
			lit, ok := n.(*ast.FuncLit)
			if !ok {
				return true
			}
			pl := PackageFuncLit{Lit: lit, Stack: stack}
			var e ast.Node = lit // the literal, parentheses included
			i := len(stack) - 1
			for ; i >= 0; i-- {
				if _, ok := stack[i].(*ast.ParenExpr); !ok {
					break
				}
				e = stack[i]
			}
			if i >= 0 {
				switch p := stack[i].(type) {
				case *ast.CallExpr:
					pl.Once = p.Fun == e
				case *ast.ValueSpec:
					for j, v := range p.Values {
						if v == e && j < len(p.Names) {
							pl.Name = p.Names[j].Name
						}
					}
				}
			}
			out = append(out, pl)
			return false
		})
	}
	return out
}
