// Package schema is a hand-written stub in the shape of
// gorm.io/gorm/schema@v1.31.2 for connlint's analysistest, not the library.
package schema

// Schema describes a parsed model.
type Schema struct {
	Name   string
	Table  string
	Fields []*Field
}

// Field describes one field of a model.
type Field struct {
	Name     string
	DBName   string
	DataType DataType
	Size     int
	Schema   *Schema
}

// DataType is the abstract data type of a field.
type DataType string

// Namer builds table and column names.
type Namer interface {
	TableName(table string) string
	SchemaName(table string) string
	ColumnName(table, column string) string
	JoinTableName(joinTable string) string
	RelationshipFKName(Relationship) string
	CheckerName(table, column string) string
	IndexName(table, column string) string
	UniqueName(table, column string) string
}

// Relationship is a relation between two models.
type Relationship struct {
	Name string
}

// NamingStrategy is the default Namer.
type NamingStrategy struct {
	TablePrefix         string
	SingularTable       bool
	NoLowerCase         bool
	IdentifierMaxLength int
}

func (ns NamingStrategy) TableName(str string) string                { return str }
func (ns NamingStrategy) SchemaName(table string) string             { return table }
func (ns NamingStrategy) ColumnName(table, column string) string     { return column }
func (ns NamingStrategy) JoinTableName(str string) string            { return str }
func (ns NamingStrategy) RelationshipFKName(rel Relationship) string { return rel.Name }
func (ns NamingStrategy) CheckerName(table, column string) string    { return column }
func (ns NamingStrategy) IndexName(table, column string) string      { return column }
func (ns NamingStrategy) UniqueName(table, column string) string     { return column }
