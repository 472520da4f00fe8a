package org.wanglai.it.web.sample;

import java.time.LocalDate;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.cursor.Cursor;

/** Invoiced revenue per region and currency. */
public interface RevenueMapper {
    Cursor<RegionRevenue> revenueByRegion(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
