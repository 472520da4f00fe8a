package org.wanglai.api.host;

import org.osgi.annotation.versioning.ConsumerType;

/** A unit of work run inside one host transaction. */
@FunctionalInterface
@ConsumerType
public interface HostWork<T> {
    T run(HostTransaction tx) throws Exception;
}
