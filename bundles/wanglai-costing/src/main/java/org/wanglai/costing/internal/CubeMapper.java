package org.wanglai.costing.internal;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** The cube roll-up: one GROUP BY over {@code wl_cost_fact}. SQL in {@code CubeMapper.xml}. */
public interface CubeMapper {

    Cursor<CubeRecord> rollUp(@Param("q") CubeSql query);
}
