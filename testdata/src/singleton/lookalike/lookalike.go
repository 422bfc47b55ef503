// Package lookalike builds only clients that are not the catalog's, in
// handlers and loops: nothing is reported.
package lookalike

import (
	"net/http"

	"singleton/lookalike/kv"
)

// NewClient is a local function of the same name.
func NewClient() map[string]string { return map[string]string{} }

func Handle(w http.ResponseWriter, r *http.Request) {
	c := kv.NewClient("localhost") // sql.Open("pgx", dsn) in a comment is text
	_ = c
	m := NewClient()
	_ = m
	_ = "redis.NewClient(&redis.Options{})"
}

func Each(dsns []string) {
	for _, dsn := range dsns {
		c, err := kv.Open("mem", dsn)
		if err != nil {
			continue
		}
		_ = c
		d, _ := kv.Connect(dsn)
		_ = d
	}
}
