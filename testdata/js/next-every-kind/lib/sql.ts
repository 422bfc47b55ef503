import postgres from 'postgres'

const sql = postgres(process.env.DATABASE_URL!) // want: singleton "hot reload"
export default sql
