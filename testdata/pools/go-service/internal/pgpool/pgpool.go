// Package pgpool opens the pgx pools of the API.
package pgpool

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

const eventsDSN = "postgres://orders@db:5432/events?pool_max_conns=12&application_name=orders-api"

// Pools are the API's pgx pools.
type Pools struct {
	Events, Search *pgxpool.Pool
	Listener       *pgx.Conn
}

// Open opens them.
func Open(ctx context.Context, searchDSN string) (*Pools, error) {
	events, err := pgxpool.New(ctx, eventsDSN) // pools: max=12 source=url server=postgres
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(searchDSN)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 8
	search, err := pgxpool.NewWithConfig(ctx, cfg) // pools: max=8 source=option server=postgres
	if err != nil {
		return nil, err
	}
	listener, err := pgx.Connect(ctx, searchDSN) // pools: kind=connection max=1 server=postgres
	if err != nil {
		return nil, err
	}
	return &Pools{Events: events, Search: search, Listener: listener}, nil
}
