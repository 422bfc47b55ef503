package api

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"holdout.example/svc/internal/db"
	"holdout.example/svc/internal/legacy"
)

// holdout: pos singleton
// singleton 1: sqlx.Connect per request in a gin handler.
func GinAccounts(c *gin.Context) {
	dbx, err := sqlx.Connect("pgx", os.Getenv("DATABASE_URL"))
	if err != nil {
		c.AbortWithStatusJSON(http.StatusServiceUnavailable, gin.H{"error": err.Error()})
		return
	}
	defer dbx.Close()
	var n int
	if err := dbx.GetContext(c.Request.Context(), &n, `SELECT count(*) FROM accounts`); err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, gin.H{"accounts": n})
}

// holdout: pos singleton
// singleton 1: gorm.Open per request inside a gin route closure.
func RegisterGin(r *gin.Engine) {
	r.GET("/products", func(c *gin.Context) {
		gdb, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{})
		if err != nil {
			c.AbortWithStatus(http.StatusServiceUnavailable)
			return
		}
		if sqlDB, err := gdb.DB(); err == nil {
			defer sqlDB.Close()
		}
		var names []string
		gdb.Table("products").Pluck("name", &names)
		c.JSON(http.StatusOK, names)
	})
}

// holdout: pos singleton
// singleton 5: the legacy.OpenPool wrapper called per request in a gin handler.
func GinPoolStats(c *gin.Context) {
	pool, err := legacy.OpenPool(c, os.Getenv("DATABASE_URL"))
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	defer pool.Close()
	st := pool.Stat()
	c.JSON(http.StatusOK, gin.H{"total": st.TotalConns()})
}

// holdout: neg
// gin handler using the singleton redis client.
func GinFlag(c *gin.Context) {
	on, err := db.Redis.Get(c, "flag:"+c.Param("name")).Bool()
	if err != nil {
		c.JSON(http.StatusOK, gin.H{"on": false})
		return
	}
	c.JSON(http.StatusOK, gin.H{"on": on})
}

// holdout: pos release
// release 2: a gin handler acquires a sql.Conn from the singleton and never closes it.
func GinLock(c *gin.Context) {
	conn, err := db.SQL.Conn(c.Request.Context())
	if err != nil {
		c.AbortWithStatus(http.StatusServiceUnavailable)
		return
	}
	if _, err := conn.ExecContext(c, `SELECT pg_advisory_lock(42)`); err != nil {
		c.AbortWithStatus(http.StatusConflict)
		return
	}
	c.Status(http.StatusOK)
}
