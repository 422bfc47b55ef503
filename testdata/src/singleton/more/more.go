package more // want package:"singletons sqlx singleton/more.DB"

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// The package-level client: built once, never reported.
var DB = sqlx.MustConnect("postgres", "postgres:///app")

func register(r *gin.Engine, sqldb *sql.DB) {
	r.GET("/articles", func(c *gin.Context) {
		db := bun.NewDB(sqldb, pgdialect.New()) // want `bun.NewDB builds a new \*bun.DB in the HTTP handler literal`
		n, _ := db.NewSelect().Model((*struct{ ID int64 })(nil)).Count(c.Request.Context())
		c.JSON(http.StatusOK, n)
	})
}

func registerEcho(e *echo.Echo, uri string) {
	e.GET("/reviews", func(c echo.Context) error {
		client, err := mongo.NewClient(options.Client().ApplyURI(uri)) // want `mongo.NewClient builds a new \*mongo.Client in the HTTP handler literal`
		if err != nil {
			return err
		}
		return client.Connect(c.Request().Context())
	})
}

func refreshPools(ctx context.Context, dsns []string) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for range ticker.C {
		for _, dsn := range dsns {
			cfg, err := pgxpool.ParseConfig(dsn)
			if err != nil {
				continue
			}
			p, err := pgxpool.NewWithConfig(ctx, cfg) // want `pgxpool.NewWithConfig builds a new \*pgxpool.Pool inside a loop`
			if err != nil {
				continue
			}
			p.Close()
		}
	}
}

// Handlers that use the package client: nothing to report.
func articles(c *gin.Context) {
	var n int
	_ = DB.GetContext(c.Request.Context(), &n, "SELECT count(*) FROM articles")
	c.JSON(http.StatusOK, n)
}

// A wrapper in this package, called from a handler.
func openReadOnly(dsn string) (*sqlx.DB, error) { // want openReadOnly:"wraps sqlx"
	db, err := sqlx.Open("postgres", dsn+"?default_transaction_read_only=on")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	return db, nil
}

func exportCSV(w http.ResponseWriter, r *http.Request) {
	db, err := openReadOnly("postgres:///replica") // want `openReadOnly builds a new \*sqlx.DB in the HTTP handler exportCSV`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer db.Close()
}

// Constructing in a method that keeps it on the receiver: built once per service.
type Service struct{ pool *pgxpool.Pool }

func (s *Service) Start(ctx context.Context, dsn string) error {
	p, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	s.pool = p
	return nil
}
