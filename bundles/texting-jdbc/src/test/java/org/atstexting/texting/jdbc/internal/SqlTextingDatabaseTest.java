package org.atstexting.texting.jdbc.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A transaction's isolation: read committed, asked of the connection at most once, and never
 * where our pool guarantees it. PostgreSQL's driver answers {@code getTransactionIsolation}
 * from the server, so each ask is a round trip; the test counts the asks the driver gets.
 */
public class SqlTextingDatabaseTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** What the driver's connections were asked, in order. */
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private HikariDataSource pool;

    @After
    public void tearDown() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    public void overAHostsDataSourceATransactionAsksTheIsolationOnceAndSetsNothingWhenItIsReadCommitted()
            throws Exception {
        SqlTextingDatabase database = new SqlTextingDatabase(counted(h2(), Connection.TRANSACTION_READ_COMMITTED));
        calls.clear();
        database.inTransaction(SqlTextingDatabaseTest::selectOne);
        assertEquals(List.of("getTransactionIsolation"), calls);
    }

    @Test
    public void aConnectionAtAnotherLevelRunsTheTransactionReadCommittedAndIsGivenBackAtItsOwn() throws Exception {
        SqlTextingDatabase database = new SqlTextingDatabase(counted(h2(), Connection.TRANSACTION_SERIALIZABLE));
        calls.clear();
        int inside = database.inTransaction(c -> c.unwrap(Connection.class).getTransactionIsolation());
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, inside);
        assertEquals(List.of("getTransactionIsolation", "setTransactionIsolation(" + Connection.TRANSACTION_READ_COMMITTED
                + ")", "getTransactionIsolation", "setTransactionIsolation(" + Connection.TRANSACTION_SERIALIZABLE + ")"),
                calls); // the second question is the work's own
    }

    @Test
    public void overOurPoolATransactionNeverAsksTheIsolation() throws Exception {
        pool = DatabaseSource.pool(counted(h2(), Connection.TRANSACTION_SERIALIZABLE), 2);
        SqlTextingDatabase database = new SqlTextingDatabase(pool);
        for (int i = 0; i < 3; i++) { // the pool opens its connections (and sets their level) first
            database.inTransaction(SqlTextingDatabaseTest::selectOne);
        }
        calls.clear();
        for (int i = 0; i < 10; i++) {
            database.inTransaction(SqlTextingDatabaseTest::selectOne);
        }
        assertEquals(List.of(), calls);
        assertEquals("the pool opened its connections read committed", Connection.TRANSACTION_READ_COMMITTED,
                (int) database.inTransaction(c -> c.getTransactionIsolation()));
    }

    private static Void selectOne(Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        return null;
    }

    private DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + tmp.getRoot().toPath().resolve("db").toAbsolutePath() + DatabaseLocation.H2_OPTIONS);
        return h2;
    }

    /** The data source, its connections opened at {@code level}, their isolation calls counted. */
    private DataSource counted(DataSource real, int level) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    c.setTransactionIsolation(level);
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                            (p, m, a) -> {
                                if (m.getName().equals("getTransactionIsolation")) {
                                    calls.add(m.getName());
                                } else if (m.getName().equals("setTransactionIsolation")) {
                                    calls.add(m.getName() + "(" + a[0] + ")");
                                }
                                if (m.getName().equals("unwrap")) {
                                    return p;
                                }
                                return invoke(c, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
