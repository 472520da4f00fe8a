package org.wanglai.api.costing;

import org.wanglai.api.LocalizedText;

/**
 * One coordinate of a cube row: the dimension, its key (an id of the host ERP, or a period number such as 202503
 * for a month, 20251 for a quarter, 2025 for a year, 3 for month-of-year; 0 for "none", e.g. cost-to-serve that
 * belongs to no product) and its label.
 */
public record CubeKey(String dimension, long key, LocalizedText label) {
}
