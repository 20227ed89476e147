using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Tests.Service;
using TuyPhuoc.Tests.Postgres;

[assembly: AssemblyFixture(typeof(PostgresFixture))]

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>The throw-away PostgreSQL server of the tests of the evaluation's bookkeeping (the SQL is the thing under test).</summary>
public sealed class PostgresFixture : PostgresServer
{
    /// <summary>A fresh, migrated database for one test.</summary>
    public Task<EvaluationDbContext> NewDatabaseAsync() => NewDatabaseAsync<EvaluationDbContext>(o => new(o));

    public EvaluationDbContext Context(string database) => Context<EvaluationDbContext>(database, o => new(o));
}
