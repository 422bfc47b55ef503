// Package kv is a project's own key-value client: its constructors share
// names with the catalog's, but it is no database client of the catalog.
package kv

// Client talks to an in-process map.
type Client struct{ m map[string]string }

// NewClient shares go-redis's constructor name.
func NewClient(addr string) *Client { return &Client{m: map[string]string{}} }

// Open shares database/sql's.
func Open(driver, dsn string) (*Client, error) { return NewClient(dsn), nil }

// Connect shares pgx's and mongo's.
func Connect(dsn string) (*Client, error) { return NewClient(dsn), nil }
