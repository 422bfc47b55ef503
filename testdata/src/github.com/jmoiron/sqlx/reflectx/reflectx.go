// Package reflectx is a hand-written stub in the shape of
// github.com/jmoiron/sqlx/reflectx@v1.4.0 for connlint's analysistest, not
// the library.
package reflectx

// Mapper maps struct fields to column names.
type Mapper struct {
	tagName string
	mapFunc func(string) string
}

func NewMapper(tagName string) *Mapper { return &Mapper{tagName: tagName} }

func NewMapperFunc(tagName string, f func(string) string) *Mapper {
	return &Mapper{tagName: tagName, mapFunc: f}
}
