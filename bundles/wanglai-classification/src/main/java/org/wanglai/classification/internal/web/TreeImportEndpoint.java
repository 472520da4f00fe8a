package org.wanglai.classification.internal.web;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.imports.ImportReader;
import org.wanglai.api.imports.ParsedImport;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.WebUser;
import org.wanglai.classification.internal.tree.TreeService;

/**
 * {@code /wanglai/api/classification/tree-import} (admin): the category tree file (code, Chinese name, English name,
 * parent code), the same columns as the {@code classification.tree} report; see {@link ImportEndpoint}.
 */
@Component(service = ApiEndpoint.class)
public final class TreeImportEndpoint extends ImportEndpoint {
    private final TreeService tree;

    @Activate
    public TreeImportEndpoint(@Reference TreeService tree, @Reference ImportReader reader) {
        super(reader, "classification/tree-import", WebUser.ADMIN, TreeService.TREE_SPEC);
        this.tree = tree;
    }

    @Override
    int store(ParsedImport parsed, String user, String fileName) {
        return tree.importTree(parsed);
    }
}
