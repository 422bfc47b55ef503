package jsts

import (
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Kind is a node type, the same number in the three grammars.
type Kind uint16

// Field is a field name of a child, the same number in the three grammars.
type Field uint16

// The node types the engine looks at. Names are tree-sitter's; anonymous
// tokens are the ones prefixed by a quote in kindNames.
const (
	KOther Kind = iota
	KProgram
	KComment
	KHashBang
	KIdentifier
	KPropertyIdentifier
	KShorthandPropertyIdentifier
	KShorthandPropertyIdentifierPattern
	KPrivatePropertyIdentifier
	KStatementIdentifier
	KTypeIdentifier
	KString
	KStringFragment
	KTemplateString
	KNumber
	KThis
	KTrue
	KFalse
	KNull
	KUndefined
	KImportStatement
	KImportClause
	KNamedImports
	KImportSpecifier
	KNamespaceImport
	KImportRequireClause
	KImport // the callee of import()
	KExportStatement
	KExportClause
	KExportSpecifier
	KNamespaceExport
	KLexicalDeclaration
	KVariableDeclaration
	KVariableDeclarator
	KObjectPattern
	KArrayPattern
	KPairPattern
	KObjectAssignmentPattern
	KAssignmentPattern
	KRestPattern
	KFunctionDeclaration
	KGeneratorFunctionDeclaration
	KFunctionExpression
	KGeneratorFunction
	KArrowFunction
	KMethodDefinition
	KClassDeclaration
	KClass
	KAbstractClassDeclaration
	KClassBody
	KFieldDefinition
	KFormalParameters
	KRequiredParameter
	KOptionalParameter
	KStatementBlock
	KExpressionStatement
	KIfStatement
	KElseClause
	KTryStatement
	KCatchClause
	KFinallyClause
	KReturnStatement
	KThrowStatement
	KForStatement
	KForInStatement
	KWhileStatement
	KDoStatement
	KSwitchStatement
	KSwitchBody
	KSwitchCase
	KSwitchDefault
	KBreakStatement
	KContinueStatement
	KLabeledStatement
	KCallExpression
	KNewExpression
	KMemberExpression
	KSubscriptExpression
	KArguments
	KAwaitExpression
	KParenthesizedExpression
	KAsExpression
	KSatisfiesExpression
	KNonNullExpression
	KTypeAssertion
	KBinaryExpression
	KAssignmentExpression
	KAugmentedAssignmentExpression
	KTernaryExpression
	KSequenceExpression
	KUnaryExpression
	KObject
	KPair
	KArray
	KSpreadElement
	KYieldExpression
	KInterfaceDeclaration
	KTypeAliasDeclaration
	KEnumDeclaration
	KAmbientDeclaration
	KModule
	KInternalModule
	KTypeAnnotation
	KTypeArguments
	KDecorator
	KOptionalChain
	KComputedPropertyName
	KJSXExpression
	KTemplateSubstitution
	KTypeQuery
	KEmptyStatement
	// KNamed is any other named node (an expression or statement the engine
	// does not list); KOther is any other anonymous token.
	KNamed
	// anonymous tokens
	TAwait
	TAsync
	TExport
	TDefault
	TUsing
	TNullish
	TOr
	TAnd
	TAssign
	TOrAssign
	TNullishAssign
	TAndAssign
	TNot
	TFunction
	TStar
	TType
	TTypeof
	TEq3
	TEq2
	TNotEq3
	TNotEq2
	TInstanceof
	TVar
	TLet
	TConst
	TOptChain
	TStatic
	kindCount
)

var kindNames = map[string]Kind{
	"program": KProgram, "comment": KComment, "hash_bang_line": KHashBang,
	"identifier": KIdentifier, "property_identifier": KPropertyIdentifier,
	"shorthand_property_identifier":         KShorthandPropertyIdentifier,
	"shorthand_property_identifier_pattern": KShorthandPropertyIdentifierPattern,
	"private_property_identifier":           KPrivatePropertyIdentifier,
	"statement_identifier":                  KStatementIdentifier, "type_identifier": KTypeIdentifier,
	"string": KString, "string_fragment": KStringFragment, "template_string": KTemplateString,
	"number": KNumber, "this": KThis, "true": KTrue, "false": KFalse, "null": KNull, "undefined": KUndefined,
	"import_statement": KImportStatement, "import_clause": KImportClause, "named_imports": KNamedImports,
	"import_specifier": KImportSpecifier, "namespace_import": KNamespaceImport,
	"import_require_clause": KImportRequireClause, "import": KImport,
	"export_statement": KExportStatement, "export_clause": KExportClause,
	"export_specifier": KExportSpecifier, "namespace_export": KNamespaceExport,
	"lexical_declaration": KLexicalDeclaration, "variable_declaration": KVariableDeclaration,
	"variable_declarator": KVariableDeclarator, "object_pattern": KObjectPattern,
	"array_pattern": KArrayPattern, "pair_pattern": KPairPattern,
	"object_assignment_pattern": KObjectAssignmentPattern, "assignment_pattern": KAssignmentPattern,
	"rest_pattern": KRestPattern, "function_declaration": KFunctionDeclaration,
	"generator_function_declaration": KGeneratorFunctionDeclaration,
	"function_expression":            KFunctionExpression, "function": KFunctionExpression,
	"generator_function": KGeneratorFunction, "arrow_function": KArrowFunction,
	"method_definition": KMethodDefinition, "class_declaration": KClassDeclaration, "class": KClass,
	"abstract_class_declaration": KAbstractClassDeclaration, "class_body": KClassBody,
	"public_field_definition": KFieldDefinition, "field_definition": KFieldDefinition,
	"formal_parameters": KFormalParameters, "required_parameter": KRequiredParameter,
	"optional_parameter": KOptionalParameter, "statement_block": KStatementBlock,
	"expression_statement": KExpressionStatement, "if_statement": KIfStatement,
	"else_clause": KElseClause, "try_statement": KTryStatement, "catch_clause": KCatchClause,
	"finally_clause": KFinallyClause, "return_statement": KReturnStatement,
	"throw_statement": KThrowStatement, "for_statement": KForStatement,
	"for_in_statement": KForInStatement, "while_statement": KWhileStatement,
	"do_statement": KDoStatement, "switch_statement": KSwitchStatement, "switch_body": KSwitchBody,
	"switch_case": KSwitchCase, "switch_default": KSwitchDefault, "break_statement": KBreakStatement,
	"continue_statement": KContinueStatement, "labeled_statement": KLabeledStatement,
	"call_expression": KCallExpression, "new_expression": KNewExpression,
	"member_expression": KMemberExpression, "subscript_expression": KSubscriptExpression,
	"arguments": KArguments, "await_expression": KAwaitExpression,
	"parenthesized_expression": KParenthesizedExpression, "as_expression": KAsExpression,
	"satisfies_expression": KSatisfiesExpression, "non_null_expression": KNonNullExpression,
	"type_assertion": KTypeAssertion, "binary_expression": KBinaryExpression,
	"assignment_expression":           KAssignmentExpression,
	"augmented_assignment_expression": KAugmentedAssignmentExpression,
	"ternary_expression":              KTernaryExpression, "sequence_expression": KSequenceExpression,
	"unary_expression": KUnaryExpression, "object": KObject, "pair": KPair, "array": KArray,
	"spread_element": KSpreadElement, "yield_expression": KYieldExpression,
	"interface_declaration": KInterfaceDeclaration, "type_alias_declaration": KTypeAliasDeclaration,
	"enum_declaration": KEnumDeclaration, "ambient_declaration": KAmbientDeclaration,
	"module": KModule, "internal_module": KInternalModule, "type_annotation": KTypeAnnotation,
	"type_arguments": KTypeArguments, "decorator": KDecorator, "optional_chain": KOptionalChain,
	"computed_property_name": KComputedPropertyName, "jsx_expression": KJSXExpression,
	"template_substitution": KTemplateSubstitution, "type_query": KTypeQuery, "empty_statement": KEmptyStatement,
	"'await": TAwait, "'async": TAsync, "'export": TExport, "'default": TDefault, "'using": TUsing,
	"'??": TNullish, "'||": TOr, "'&&": TAnd, "'=": TAssign, "'||=": TOrAssign, "'??=": TNullishAssign,
	"'&&=": TAndAssign, "'!": TNot, "'function": TFunction, "'static": TStatic, "'*": TStar, "'type": TType,
	"'typeof": TTypeof, "'===": TEq3, "'==": TEq2, "'!==": TNotEq3, "'!=": TNotEq2,
	"'instanceof": TInstanceof, "'var": TVar, "'let": TLet, "'const": TConst, "'?.": TOptChain,
}

// typeNodes are TypeScript type syntax: nothing in them runs, so the
// flattener leaves their subtrees out (a third of the nodes of typed code).
var typeNodes = map[string]bool{
	"type_annotation": true, "type_arguments": true, "type_parameters": true, "type_parameter": true,
	"interface_declaration": true, "type_alias_declaration": true, "object_type": true, "generic_type": true,
	"union_type": true, "intersection_type": true, "predefined_type": true, "array_type": true,
	"tuple_type": true, "function_type": true, "literal_type": true, "type_query": true,
	"index_type_query": true, "lookup_type": true, "conditional_type": true, "parenthesized_type": true,
	"type_predicate_annotation": true, "asserts_annotation": true, "implements_clause": true,
	"extends_type_clause": true, "constraint": true, "opting_type_annotation": true,
	"omitting_type_annotation": true, "readonly_type": true, "template_literal_type": true,
	"infer_type": true, "constructor_type": true, "type_predicate": true, "mapped_type_clause": true,
	"ambient_declaration": true, "enum_declaration": true, "abstract_method_signature": true,
	"index_signature": true, "method_signature": true, "property_signature": true,
	"nested_type_identifier": true, "existential_type": true, "flow_maybe_type": true,
}

// opaqueNodes are kept in the flat tree without their descendants: the
// engine reads a string or regex literal's text, never its parts.
var opaqueNodes = map[string]bool{"string": true, "regex": true}

// Fields the engine reads.
const (
	FNone Field = iota
	FName
	FValue
	FLeft
	FRight
	FBody
	FFunction
	FArguments
	FObject
	FProperty
	FConstructor
	FSource
	FAlias
	FCondition
	FConsequence
	FAlternative
	FHandler
	FFinalizer
	FParameter
	FParameters
	FDeclaration
	FLabel
	FOperator
	FPattern
	FKey
	FIndex
	FInitializer
	FIncrement
	FArgument
	FType
	FKind
)

var fieldNames = map[string]Field{
	"name": FName, "value": FValue, "left": FLeft, "right": FRight, "body": FBody,
	"function": FFunction, "arguments": FArguments, "object": FObject, "property": FProperty,
	"constructor": FConstructor, "source": FSource, "alias": FAlias, "condition": FCondition,
	"consequence": FConsequence, "alternative": FAlternative, "handler": FHandler,
	"finalizer": FFinalizer, "parameter": FParameter, "parameters": FParameters,
	"declaration": FDeclaration, "label": FLabel, "operator": FOperator, "pattern": FPattern,
	"key": FKey, "index": FIndex, "initializer": FInitializer, "increment": FIncrement,
	"argument": FArgument, "type": FType, "kind": FKind,
}

// grammar is one tree-sitter language with its symbol and field tables
// mapped to Kind and Field.
type grammar struct {
	name   string // typescript, tsx, javascript
	lang   *sitter.Language
	kinds  []uint16
	fields []uint16
	// c is the grammar's tables in C memory (a *C.cl_grammar), ptr the
	// tree-sitter language.
	c   unsafe.Pointer
	ptr unsafe.Pointer
}

var (
	grammarsOnce   sync.Once
	gTS, gTSX, gJS *grammar
)

func grammars() (ts, tsxg, js *grammar) {
	grammarsOnce.Do(func() {
		gTS = newGrammar("typescript", typescript.GetLanguage())
		gTSX = newGrammar("tsx", tsx.GetLanguage())
		gJS = newGrammar("javascript", javascript.GetLanguage())
		fastFlatten = fastFlattenOK(gTS, gTSX, gJS)
	})
	return gTS, gTSX, gJS
}

func newGrammar(name string, lang *sitter.Language) *grammar {
	g := &grammar{name: name, lang: lang}
	// sitter.Language's only field is the C TSLanguage pointer.
	g.ptr = *(*unsafe.Pointer)(unsafe.Pointer(lang))
	n := lang.SymbolCount()
	g.kinds = make([]uint16, n)
	opaque := make([]bool, n)
	for s := uint32(0); s < n; s++ {
		sym := sitter.Symbol(s)
		key := lang.SymbolName(sym)
		if lang.SymbolType(sym) != sitter.SymbolTypeRegular {
			key = "'" + key
		}
		switch k, ok := kindNames[key]; {
		case typeNodes[key]:
			// types erase at run time: their subtrees are left out
			g.kinds[s] = uint16(kSkip)
		case ok:
			g.kinds[s] = uint16(k)
		case lang.SymbolType(sym) == sitter.SymbolTypeRegular:
			g.kinds[s] = uint16(KNamed)
		case lang.SymbolType(sym) == sitter.SymbolTypeAnonymous:
			g.kinds[s] = uint16(kSkip)
		}
		opaque[s] = opaqueNodes[key]
	}
	g.fields = make([]uint16, 64)
	for i := 1; i < len(g.fields); i++ {
		name := lang.FieldName(i)
		if name == "" {
			break
		}
		if f, ok := fieldNames[name]; ok {
			g.fields[i] = uint16(f)
		}
	}
	g.c = cGrammar(g.kinds, opaque, g.fields)
	return g
}

// grammarsList is the three grammars in a fixed order.
func grammarsList() [3]*grammar {
	ts, tsx, js := grammars()
	return [3]*grammar{ts, tsx, js}
}

// grammarOf is the grammar of a language (as languageOf names it) and the
// one to try when a file does not parse with it: TS-only syntax in a .js
// file, JSX in a .ts file.
func grammarOf(lang string) (g, alt *grammar) {
	ts, tsx, js := grammars()
	switch lang {
	case "ts":
		return ts, tsx
	case "tsx":
		return tsx, ts
	}
	return js, tsx
}

// Language of a file, for findings, by its extension.
func languageOf(path string) (lang string, ok bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".ts", ".mts", ".cts":
		return "ts", true
	case ".tsx":
		return "tsx", true
	case ".js", ".jsx", ".mjs", ".cjs":
		return "js", true
	}
	return "", false
}

// isDeclarationFile reports .d.ts files: types only, nothing runs.
func isDeclarationFile(path string) bool {
	b := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(b, ".d.ts") || strings.HasSuffix(b, ".d.mts") || strings.HasSuffix(b, ".d.cts")
}
