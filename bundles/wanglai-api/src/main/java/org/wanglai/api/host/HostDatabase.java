package org.wanglai.api.host;

import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host ERP database, as configured by the administrator (ConfigAdmin PID {@code org.wanglai.host.database}).
 *
 * <p>A capability bundle builds its own MyBatis {@code SqlSessionFactory} from {@link #newConfiguration()} after
 * adding its mapper interfaces; its mapper XML names host relations only through the profile's variables, e.g.
 * {@code SELECT ... FROM ${wl.customer} c}, so that the same SQL runs on every host profile. The variables and the
 * canonical column names they provide are listed in {@code docs/host-schema.md}.
 *
 * <p>One operation is one transaction: use {@link #inTransaction(HostWork)}.
 */
@ProviderType
public interface HostDatabase {

    /** The MyBatis databaseId of the connected database: {@code h2} or {@code postgresql}. */
    String databaseId();

    /** The active host profile, e.g. {@code reference}. */
    String profile();

    /** The pooled data source. Prefer {@link #inTransaction(HostWork)}. */
    DataSource dataSource();

    /**
     * A fresh MyBatis configuration bound to this database: environment, databaseId, the profile's relation
     * variables, map-underscore-to-camel-case. Each call returns a new instance the caller may add mappers to.
     */
    Configuration newConfiguration();

    /**
     * A session factory over {@link #newConfiguration()} with the given mapper interfaces added. Each mapper's XML
     * (same package path and name as the interface) is read through the interface's own class loader, so that
     * result types named in the XML resolve inside the calling bundle.
     */
    SqlSessionFactory sessionFactory(Class<?>... mapperTypes);

    /** Relation variables of the active profile: {@code wl.customer -> erp_customer}, ... */
    Map<String, String> relations();

    /** The same relations as MyBatis variables. */
    Properties variables();

    /**
     * Runs {@code work} on one connection in one transaction: commit when it returns, rollback when it throws.
     */
    <T> T inTransaction(HostWork<T> work);

    /**
     * Creates or upgrades the plug-in tables of the calling bundle with a Liquibase changelog it carries.
     *
     * @param loader the class loader that sees the changelog (the owning bundle's)
     * @param changelog path of the changelog inside that bundle, e.g. {@code db/credit-changelog.xml}
     */
    void migrate(ClassLoader loader, String changelog);
}
