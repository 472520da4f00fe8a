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
 * {@code /wanglai/api/classification/assignment-import} (accountant): customer code and leaf category code per row;
 * see {@link ImportEndpoint}.
 */
@Component(service = ApiEndpoint.class)
public final class AssignmentImportEndpoint extends ImportEndpoint {
    private final TreeService tree;

    @Activate
    public AssignmentImportEndpoint(@Reference TreeService tree, @Reference ImportReader reader) {
        super(reader, "classification/assignment-import", WebUser.ACCOUNTANT, TreeService.ASSIGNMENT_SPEC);
        this.tree = tree;
    }

    @Override
    int store(ParsedImport parsed, String user, String fileName) {
        return tree.importAssignments(parsed, user, fileName);
    }
}
