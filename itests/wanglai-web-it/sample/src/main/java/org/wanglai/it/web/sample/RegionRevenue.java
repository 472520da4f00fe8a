package org.wanglai.it.web.sample;

import java.math.BigDecimal;

/** One result row of {@link RevenueMapper#revenueByRegion}. */
public class RegionRevenue {
    private String regionCode;
    private String nameZh;
    private String nameEn;
    private String currency;
    private long invoices;
    private BigDecimal revenue;

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public String getNameZh() {
        return nameZh;
    }

    public void setNameZh(String nameZh) {
        this.nameZh = nameZh;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public long getInvoices() {
        return invoices;
    }

    public void setInvoices(long invoices) {
        this.invoices = invoices;
    }

    public BigDecimal getRevenue() {
        return revenue;
    }

    public void setRevenue(BigDecimal revenue) {
        this.revenue = revenue;
    }
}
