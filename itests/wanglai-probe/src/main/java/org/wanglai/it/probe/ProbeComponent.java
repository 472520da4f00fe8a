package org.wanglai.it.probe;

import java.util.function.LongSupplier;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.session.SqlSessionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.host.HostDatabase;

/**
 * Migrates its own table, records each activation with the bundle version, and serves the number of activations
 * recorded so far: a hot update must find the rows of the earlier version still there.
 */
@Component(property = "wanglai.probe=true")
public final class ProbeComponent implements LongSupplier {

    public interface ProbeMapper {
        @Insert("INSERT INTO wl_probe_activation (bundle_version) VALUES (#{version})")
        void record(String version);

        @Select("SELECT COUNT(*) FROM wl_probe_activation")
        long count();
    }

    private final HostDatabase db;
    private final SqlSessionFactory factory;

    @Activate
    public ProbeComponent(@Reference HostDatabase db, BundleContext context) {
        this.db = db;
        db.migrate(ProbeComponent.class.getClassLoader(), "db/probe-changelog.xml");
        this.factory = db.sessionFactory(ProbeMapper.class);
        String version = context.getBundle().getVersion().toString();
        db.inTransaction(tx -> {
            tx.mapper(factory, ProbeMapper.class).record(version);
            return null;
        });
    }

    @Override
    public long getAsLong() {
        return db.inTransaction(tx -> tx.mapper(factory, ProbeMapper.class).count());
    }
}
