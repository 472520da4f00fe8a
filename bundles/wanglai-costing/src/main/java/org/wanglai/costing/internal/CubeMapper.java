package org.wanglai.costing.internal;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** The cube roll-up: one GROUP BY over {@code wl_cost_fact}. SQL in {@code CubeMapper.xml}. */
public interface CubeMapper {

    /** Streams the roll-up in batches (reports over many rows). */
    Cursor<CubeRecord> rollUp(@Param("q") CubeSql query);

    /** The roll-up read at once; for a query bounded by its LIMIT. */
    java.util.List<CubeRecord> rollUpAll(@Param("q") CubeSql query);
}
