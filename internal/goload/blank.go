package goload

import (
	"go/scanner"
	"go/token"
	"strings"
)

// blankBodies returns a copy of a Go file's source in which the contents
// of every function body (declarations and literals) and every ordinary
// comment are spaces, newlines kept. Parsing it gives the same declarations
// at the same positions as the original, for a fraction of the time and
// memory: a declarations-only check ignores function bodies anyway.
// Directives (//go:build, //go:embed, //line, cgo's) are kept.
func blankBodies(src []byte) []byte {
	out := make([]byte, len(src))
	copy(out, src)
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, scanner.ScanComments)
	blank := func(from, to int) {
		for i := from; i < to && i < len(out); i++ {
			if out[i] != '\n' {
				out[i] = ' '
			}
		}
	}
	var (
		inSig    bool // after func, before its body
		depth    int  // ( and [ nesting within the signature
		typeLit  bool // the next { opens a struct or interface type
		litDepth int  // { nesting of a type literal within the signature
		prev     token.Token
		cur      token.Token
	)
	for {
		prev = cur
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			cur = tok
		}
		off := file.Offset(pos)
		switch {
		case tok == token.COMMENT:
			if !isDirective(lit) {
				blank(off, off+len(lit))
			}
		case !inSig:
			// func after ], chan, * or <- is an element type
			// ([...]func(){f, g}): its braces are a composite
			// literal's, whose length may be the array's.
			if tok == token.FUNC && !isTypeContext(prev) {
				inSig, depth, typeLit, litDepth = true, 0, false, 0
			}
		case litDepth > 0:
			switch tok {
			case token.LBRACE:
				litDepth++
			case token.RBRACE:
				litDepth--
			}
		default:
			switch tok {
			case token.LPAREN, token.LBRACK:
				depth++
			case token.RPAREN, token.RBRACK:
				depth--
				if depth < 0 {
					inSig = false // a func type inside a list ended
				}
			case token.STRUCT, token.INTERFACE:
				typeLit = true
			case token.LBRACE:
				switch {
				case typeLit:
					typeLit, litDepth = false, 1
				case depth == 0:
					end := skipBlock(&s, file)
					blank(off+1, end)
					inSig = false
				}
			case token.SEMICOLON, token.RBRACE, token.COMMA, token.ASSIGN, token.DEFINE, token.COLON:
				if depth == 0 {
					inSig = false // a func type, no body
				}
			}
		}
	}
	return out
}

func isTypeContext(prev token.Token) bool {
	switch prev {
	case token.RBRACK, token.CHAN, token.MUL, token.ARROW:
		return true
	}
	return false
}

// skipBlock scans to the brace that closes the one just read and returns
// its offset.
func skipBlock(s *scanner.Scanner, file *token.File) int {
	open := 1
	for {
		pos, tok, _ := s.Scan()
		switch tok {
		case token.EOF:
			return file.Size()
		case token.LBRACE:
			open++
		case token.RBRACE:
			open--
			if open == 0 {
				return file.Offset(pos)
			}
		}
	}
}

// isDirective reports whether a comment is read by a tool: a //go: or
// //line directive, a build constraint, cgo's preamble markers.
func isDirective(c string) bool {
	for _, p := range []string{"//go:", "//line ", "/*line ", "// +build", "//export ", "//extern ", "//sys"} {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}
